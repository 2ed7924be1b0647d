package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An Anthropic Messages request, validated as Anthropic does and read as the chat request the mock
 * answers: {@code system} becomes a system message, {@code tool_use} blocks assistant tool calls,
 * {@code tool_result} blocks tool messages, {@code tools}' {@code input_schema} function parameters.
 *
 * @param cacheMarked  some block or tool carries {@code cache_control}: the prompt may be cached
 * @param turns        how many messages the conversation has (one: the cache is written, not read)
 */
record MessagesRequest(ChatRequest chat, boolean cacheMarked, int turns) {

  static MessagesRequest from(JsonObject body) {
    String model = string(body, "model", true);
    Object maxTokens = body.getValue("max_tokens");
    if (maxTokens == null) {
      throw invalid("max_tokens: Field required");
    }
    if (!(maxTokens instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1) {
      throw invalid("max_tokens: Input should be a valid integer greater than or equal to 1");
    }
    if (!(body.getValue("messages") instanceof JsonArray messages)) {
      throw invalid("messages: Field required (an array of {role, content})");
    }
    if (messages.isEmpty()) {
      throw invalid("messages: at least one message is required");
    }
    JsonArray chat = new JsonArray();
    Object system = body.getValue("system");
    if (system != null) {
      chat.add(new JsonObject().put("role", "system").put("content", text(system, "system")));
    }
    for (int i = 0; i < messages.size(); i++) {
      addMessage(chat, messages.getValue(i), "messages." + i);
    }
    JsonObject chatBody = new JsonObject().put("model", model).put("messages", chat)
        .put("max_tokens", maxTokens).put("stream", body.getValue("stream", false));
    if (body.getValue("tools") instanceof JsonArray tools) {
      chatBody.put("tools", functions(tools));
    }
    if (body.getValue("tool_choice") instanceof JsonObject choice) {
      chatBody.put("tool_choice", toolChoice(choice));
    }
    String encoded = body.encode();
    return new MessagesRequest(ChatRequest.from(chatBody), encoded.contains("\"cache_control\""), messages.size());
  }

  private static void addMessage(JsonArray chat, Object value, String path) {
    if (!(value instanceof JsonObject message)) {
      throw invalid(path + ": Input should be a valid dictionary");
    }
    String role = string(message, "role", true);
    if (!role.equals("user") && !role.equals("assistant")) {
      throw invalid(path + ".role: Input should be 'user' or 'assistant'");
    }
    Object content = message.getValue("content");
    if (content instanceof String text) {
      chat.add(new JsonObject().put("role", role).put("content", text));
      return;
    }
    if (!(content instanceof JsonArray blocks)) {
      throw invalid(path + ".content: Input should be a valid string or list of content blocks");
    }
    StringBuilder text = new StringBuilder();
    JsonArray toolCalls = new JsonArray();
    for (int i = 0; i < blocks.size(); i++) {
      JsonObject block = blocks.getJsonObject(i);
      switch (block.getString("type", "")) {
        case "text" -> text.append(text.length() == 0 ? "" : "\n").append(block.getString("text", ""));
        case "tool_use" -> toolCalls.add(new JsonObject().put("id", block.getString("id")).put("type", "function")
            .put("function", new JsonObject().put("name", block.getString("name"))
                .put("arguments", block.getJsonObject("input", new JsonObject()).encode())));
        case "tool_result" -> chat.add(new JsonObject().put("role", "tool")
            .put("tool_call_id", block.getString("tool_use_id"))
            .put("content", text(block.getValue("content", ""), path + ".content." + i + ".content")));
        case "image", "document", "thinking", "redacted_thinking" -> { }
        default -> throw invalid(path + ".content." + i + ".type: unknown content block type '"
            + block.getString("type") + "'");
      }
    }
    if (text.length() > 0 || !toolCalls.isEmpty()) {
      JsonObject out = new JsonObject().put("role", role).put("content", text.toString());
      if (!toolCalls.isEmpty()) {
        out.put("tool_calls", toolCalls);
      }
      chat.add(out);
    }
  }

  /** A string, or the text blocks of a block list joined by newlines. */
  private static String text(Object value, String path) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof JsonArray blocks) {
      StringBuilder text = new StringBuilder();
      for (Object b : blocks) {
        if (b instanceof JsonObject block && block.getValue("text") instanceof String t) {
          text.append(text.length() == 0 ? "" : "\n").append(t);
        }
      }
      return text.toString();
    }
    throw invalid(path + ": Input should be a valid string or list of text blocks");
  }

  private static JsonArray functions(JsonArray tools) {
    JsonArray functions = new JsonArray();
    for (Object t : tools) {
      JsonObject tool = (JsonObject) t;
      functions.add(new JsonObject().put("type", "function").put("function", new JsonObject()
          .put("name", tool.getString("name")).put("description", tool.getString("description", ""))
          .put("parameters", tool.getJsonObject("input_schema", new JsonObject()))));
    }
    return functions;
  }

  private static Object toolChoice(JsonObject choice) {
    return switch (choice.getString("type", "auto")) {
      case "any" -> "required";
      case "none" -> "none";
      case "tool" -> new JsonObject().put("type", "function")
          .put("function", new JsonObject().put("name", choice.getString("name")));
      default -> "auto";
    };
  }

  private static String string(JsonObject body, String field, boolean required) {
    Object value = body.getValue(field);
    if (value == null && required) {
      throw invalid(field + ": Field required");
    }
    if (value != null && !(value instanceof String)) {
      throw invalid(field + ": Input should be a valid string");
    }
    return (String) value;
  }

  private static ApiError invalid(String message) {
    return ApiError.invalidRequest(message, null, null);
  }
}
