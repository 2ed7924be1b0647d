package gw.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A whole answer both ways between a Responses {@code response} and a {@code chat.completion}:
 * message items ⇄ content, {@code function_call} items ⇄ tool calls, {@code incomplete}
 * (max_output_tokens) ⇄ {@code length}, usage with its cached and reasoning counts. A response made
 * from chat echoes the client's request settings, as the Responses API does.
 */
public final class ResponseAnswers {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponseAnswers() {}

  public static ObjectNode toChat(JsonNode response) {
    StringBuilder text = new StringBuilder();
    String refusal = null;
    ArrayNode calls = NODES.arrayNode();
    for (JsonNode item : response.path("output")) {
      switch (item.path("type").asText("")) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            if (part.path("type").asText().equals("output_text")) {
              text.append(part.path("text").asText());
            } else if (part.path("type").asText().equals("refusal")) {
              refusal = part.path("refusal").asText();
            }
          }
        }
        case "function_call" -> calls.addObject().put("id", item.path("call_id").asText()).put("type", "function")
            .putObject("function").put("name", item.path("name").asText())
            .put("arguments", item.path("arguments").asText());
        default -> { }
      }
    }
    ObjectNode chat = NODES.objectNode().put("id", response.path("id").asText()).put("object", "chat.completion")
        .put("created", response.path("created_at").asLong()).put("model", response.path("model").asText());
    ObjectNode choice = chat.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (text.length() > 0 || calls.isEmpty()) {
      message.put("content", text.toString());
    } else {
      message.putNull("content");
    }
    if (refusal != null) {
      message.put("refusal", refusal);
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    choice.put("finish_reason", finishReason(response, !calls.isEmpty()));
    chat.set("usage", usageToChat(response.path("usage")));
    return chat;
  }

  public static ObjectNode fromChat(JsonNode chat, JsonNode request) {
    JsonNode choice = chat.path("choices").path(0);
    JsonNode message = choice.path("message");
    String id = responseId(chat.path("id").asText(""));
    ArrayNode output = NODES.arrayNode();
    if (message.path("content").isTextual() && (!message.get("content").asText().isEmpty() || !message.has("tool_calls"))) {
      output.add(messageItem(id, message.get("content").asText(), "completed"));
    }
    for (JsonNode call : message.path("tool_calls")) {
      output.add(functionCallItem(call.path("id").asText(), call.path("function").path("name").asText(),
          call.path("function").path("arguments").asText(), "completed"));
    }
    String finish = choice.path("finish_reason").asText("stop");
    return response(id, chat.path("created").asLong(), chat.path("model").asText(), request,
        finish.equals("length") ? "incomplete" : "completed", output, usageFromChat(chat.path("usage")));
  }

  /** The response object; {@code usage} null while in progress. */
  static ObjectNode response(String id, long created, String model, JsonNode request, String status, ArrayNode output,
      JsonNode usage) {
    ObjectNode r = NODES.objectNode().put("id", id).put("object", "response").put("created_at", created)
        .put("status", status).put("background", false).putNull("error");
    if (status.equals("incomplete")) {
      r.putObject("incomplete_details").put("reason", "max_output_tokens");
    } else {
      r.putNull("incomplete_details");
    }
    r.set("instructions", echo(request, "instructions", NODES.nullNode()));
    r.set("max_output_tokens", echo(request, "max_output_tokens", NODES.nullNode()));
    r.put("model", model);
    r.set("output", output);
    r.set("parallel_tool_calls", echo(request, "parallel_tool_calls", NODES.booleanNode(true)));
    r.set("previous_response_id", echo(request, "previous_response_id", NODES.nullNode()));
    r.set("reasoning", echo(request, "reasoning", NODES.objectNode().putNull("effort").putNull("summary")));
    r.set("store", echo(request, "store", NODES.booleanNode(true)));
    r.set("temperature", echo(request, "temperature", NODES.numberNode(1.0)));
    r.set("text", echo(request, "text", NODES.objectNode().set("format", NODES.objectNode().put("type", "text"))));
    r.set("tool_choice", echo(request, "tool_choice", NODES.textNode("auto")));
    r.set("tools", echo(request, "tools", NODES.arrayNode()));
    r.set("top_p", echo(request, "top_p", NODES.numberNode(1.0)));
    r.put("truncation", "disabled");
    r.set("usage", usage == null ? NODES.nullNode() : usage);
    r.set("user", echo(request, "user", NODES.nullNode()));
    r.set("metadata", echo(request, "metadata", NODES.objectNode()));
    return r;
  }

  static ObjectNode messageItem(String responseId, String text, String status) {
    ObjectNode item = NODES.objectNode().put("type", "message").put("id", "msg_" + suffix(responseId))
        .put("status", status).put("role", "assistant");
    item.putArray("content").add(outputText(text));
    return item;
  }

  static ObjectNode outputText(String text) {
    ObjectNode part = NODES.objectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    return part;
  }

  static ObjectNode functionCallItem(String callId, String name, String arguments, String status) {
    return NODES.objectNode().put("type", "function_call").put("id", "fc_" + callId).put("call_id", callId)
        .put("name", name).put("arguments", arguments).put("status", status);
  }

  static ObjectNode usageToChat(JsonNode usage) {
    long in = usage.path("input_tokens").asLong();
    long out = usage.path("output_tokens").asLong();
    ObjectNode u = NODES.objectNode().put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
    u.putObject("prompt_tokens_details").put("cached_tokens", usage.path("input_tokens_details").path("cached_tokens").asLong());
    u.putObject("completion_tokens_details")
        .put("reasoning_tokens", usage.path("output_tokens_details").path("reasoning_tokens").asLong());
    return u;
  }

  static ObjectNode usageFromChat(JsonNode usage) {
    long in = usage.path("prompt_tokens").asLong();
    long out = usage.path("completion_tokens").asLong();
    ObjectNode u = NODES.objectNode().put("input_tokens", in);
    u.putObject("input_tokens_details").put("cached_tokens", usage.path("prompt_tokens_details").path("cached_tokens").asLong());
    u.put("output_tokens", out);
    u.putObject("output_tokens_details")
        .put("reasoning_tokens", usage.path("completion_tokens_details").path("reasoning_tokens").asLong());
    return u.put("total_tokens", in + out);
  }

  static String finishReason(JsonNode response, boolean calledTools) {
    if (response.path("status").asText().equals("incomplete")) {
      return response.path("incomplete_details").path("reason").asText().equals("content_filter")
          ? "content_filter" : "length";
    }
    return calledTools ? "tool_calls" : "stop";
  }

  /** A chat id keeps its text under the Responses prefix. */
  static String responseId(String id) {
    return id.startsWith("resp_") ? id : "resp_" + id;
  }

  private static String suffix(String responseId) {
    return responseId.startsWith("resp_") ? responseId.substring(5) : responseId;
  }

  private static JsonNode echo(JsonNode request, String field, JsonNode fallback) {
    JsonNode v = request == null ? null : request.get(field);
    return v == null ? fallback : v;
  }
}
