package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An OpenAI Responses request read as the chat request the mock answers: {@code instructions} and
 * {@code input} become messages (after those of {@code previous_response_id}'s conversation),
 * {@code function_call}/{@code function_call_output} items tool calls and tool messages,
 * {@code max_output_tokens} the token cap, function tools chat tools.
 *
 * @param body          the request as sent, echoed in the response object
 * @param conversation  the conversation so far, as chat messages (stored with the answer)
 */
record ResponsesRequest(ChatRequest chat, JsonObject body, JsonArray conversation) {

  static ResponsesRequest from(JsonObject body, StoredResponses stored) {
    Object model = body.getValue("model");
    if (!(model instanceof String)) {
      throw ApiError.invalidRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter");
    }
    JsonArray messages = new JsonArray();
    String previous = body.getString("previous_response_id");
    if (previous != null) {
      JsonArray before = stored.conversation(previous);
      if (before == null) {
        throw new ApiError(404, "Previous response with id '" + previous + "' not found.", "invalid_request_error",
            "previous_response_id", "previous_response_not_found");
      }
      messages.addAll(before);
    }
    if (body.getValue("instructions") instanceof String instructions) {
      messages.add(new JsonObject().put("role", "system").put("content", instructions));
    }
    Object input = body.getValue("input");
    if (input instanceof String text) {
      messages.add(new JsonObject().put("role", "user").put("content", text));
    } else if (input instanceof JsonArray items) {
      for (int i = 0; i < items.size(); i++) {
        addItem(messages, items.getValue(i), "input[" + i + "]");
      }
    } else {
      throw ApiError.invalidRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
    }
    JsonObject chat = new JsonObject().put("model", model).put("messages", messages)
        .put("stream", body.getValue("stream", false));
    if (body.getValue("max_output_tokens") != null) {
      chat.put("max_tokens", body.getValue("max_output_tokens"));
    }
    if (body.getValue("tools") instanceof JsonArray tools) {
      JsonArray functions = new JsonArray();
      for (Object t : tools) {
        JsonObject tool = (JsonObject) t;
        if ("function".equals(tool.getString("type"))) {
          functions.add(new JsonObject().put("type", "function").put("function", new JsonObject()
              .put("name", tool.getString("name")).put("parameters", tool.getJsonObject("parameters", new JsonObject()))));
        }
      }
      chat.put("tools", functions);
    }
    Object choice = body.getValue("tool_choice");
    if (choice instanceof String) {
      chat.put("tool_choice", choice);
    } else if (choice instanceof JsonObject forced && forced.getString("name") != null) {
      chat.put("tool_choice", new JsonObject().put("type", "function")
          .put("function", new JsonObject().put("name", forced.getString("name"))));
    }
    String format = body.getJsonObject("text", new JsonObject()).getJsonObject("format", new JsonObject())
        .getString("type", "text");
    if (!format.equals("text")) {
      chat.put("response_format", new JsonObject().put("type", format));
    }
    return new ResponsesRequest(ChatRequest.from(chat), body, messages);
  }

  private static void addItem(JsonArray messages, Object value, String path) {
    if (!(value instanceof JsonObject item)) {
      throw ApiError.invalidRequest("Invalid type for '" + path + "': expected an object.", path, "invalid_type");
    }
    switch (item.getString("type", "message")) {
      case "message" -> messages.add(new JsonObject().put("role", item.getString("role", "user"))
          .put("content", text(item.getValue("content"))));
      case "function_call" -> messages.add(new JsonObject().put("role", "assistant").putNull("content")
          .put("tool_calls", new JsonArray().add(new JsonObject().put("id", item.getString("call_id"))
              .put("type", "function").put("function", new JsonObject().put("name", item.getString("name"))
                  .put("arguments", item.getString("arguments", "{}"))))));
      case "function_call_output" -> messages.add(new JsonObject().put("role", "tool")
          .put("tool_call_id", item.getString("call_id")).put("content", String.valueOf(item.getValue("output"))));
      case "reasoning", "item_reference" -> { }
      default -> throw ApiError.invalidRequest("Invalid value for '" + path + ".type': '" + item.getString("type")
          + "'.", path + ".type", "invalid_value");
    }
  }

  private static String text(Object content) {
    if (content instanceof String s) {
      return s;
    }
    StringBuilder text = new StringBuilder();
    if (content instanceof JsonArray parts) {
      for (Object p : parts) {
        if (p instanceof JsonObject part && part.getValue("text") instanceof String t) {
          text.append(text.length() == 0 ? "" : "\n").append(t);
        }
      }
    }
    return text.toString();
  }
}
