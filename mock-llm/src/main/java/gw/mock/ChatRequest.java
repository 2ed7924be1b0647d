package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parts of an OpenAI chat completion request the mock acts on, validated the way OpenAI does.
 *
 * @param maxTokens   {@code max_completion_tokens} or {@code max_tokens}; null when absent
 * @param toolChoice  the raw {@code tool_choice} value (string, object or null)
 * @param jsonObject  whether {@code response_format} asks for JSON
 */
record ChatRequest(String model, List<ChatMessage> messages, boolean stream, boolean includeUsage,
                   Integer maxTokens, JsonArray tools, Object toolChoice, boolean jsonObject) {

  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

  static ChatRequest from(JsonObject body) {
    String model = requiredString(body, "model");
    boolean stream = optionalBoolean(body, "stream");
    JsonObject streamOptions = optionalObject(body, "stream_options");
    if (streamOptions != null && !stream) {
      throw ApiError.invalidRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
          "stream_options", null);
    }
    boolean includeUsage = streamOptions != null && optionalBoolean(streamOptions, "include_usage");
    Integer maxTokens = maxTokens(body);
    JsonArray tools = body.getValue("tools") == null ? new JsonArray() : array(body, "tools");
    return new ChatRequest(model, messages(body), stream, includeUsage, maxTokens, tools,
        body.getValue("tool_choice"), wantsJson(body));
  }

  String lastRole() {
    return messages.get(messages.size() - 1).role();
  }

  private static List<ChatMessage> messages(JsonObject body) {
    if (body.getValue("messages") == null) {
      throw missing("messages");
    }
    JsonArray raw = array(body, "messages");
    if (raw.isEmpty()) {
      throw ApiError.invalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, "
          + "but got an empty array instead.", "messages", "empty_array");
    }
    List<ChatMessage> messages = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      messages.add(message(raw.getValue(i), "messages[" + i + "]"));
    }
    return messages;
  }

  private static ChatMessage message(Object value, String path) {
    if (!(value instanceof JsonObject json)) {
      throw invalidType(path, "an object", value);
    }
    Object role = json.getValue("role");
    if (role == null) {
      throw missing(path + ".role");
    }
    if (!(role instanceof String roleName) || !ROLES.contains(roleName)) {
      throw ApiError.invalidRequest("Invalid value for '" + path + ".role': '" + role + "'. Supported values are: "
          + "'system', 'developer', 'user', 'assistant', 'tool' and 'function'.", path + ".role", "invalid_value");
    }
    JsonArray toolCalls = json.getValue("tool_calls") instanceof JsonArray calls ? calls : new JsonArray();
    return new ChatMessage(roleName, text(json.getValue("content"), path + ".content"),
        json.getValue("name") instanceof String name ? name : null,
        json.getValue("tool_call_id") instanceof String id ? id : null, toolCalls);
  }

  /** Plain text of string content or of the text parts of multi-part content. */
  private static String text(Object content, String path) {
    if (content == null) {
      return "";
    }
    if (content instanceof String text) {
      return text;
    }
    if (content instanceof JsonArray parts) {
      StringBuilder text = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof JsonObject json && json.getValue("text") instanceof String partText) {
          text.append(text.length() == 0 ? "" : "\n").append(partText);
        }
      }
      return text.toString();
    }
    throw invalidType(path, "a string or an array of content parts", content);
  }

  private static Integer maxTokens(JsonObject body) {
    String field = body.getValue("max_completion_tokens") != null ? "max_completion_tokens" : "max_tokens";
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && number.longValue() >= 1 && number.longValue() <= Integer.MAX_VALUE) {
      return number.intValue();
    }
    throw ApiError.invalidRequest("Invalid '" + field + "': expected an integer >= 1, but got " + value + ".",
        field, "invalid_value");
  }

  private static boolean wantsJson(JsonObject body) {
    JsonObject format = optionalObject(body, "response_format");
    if (format == null) {
      return false;
    }
    Object type = format.getValue("type");
    if (!"text".equals(type) && !"json_object".equals(type) && !"json_schema".equals(type)) {
      throw ApiError.invalidRequest("Invalid value for 'response_format.type': '" + type
          + "'. Supported values are: 'text', 'json_object' and 'json_schema'.", "response_format.type",
          "invalid_value");
    }
    return !"text".equals(type);
  }

  private static String requiredString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      throw missing(field);
    }
    if (!(value instanceof String text)) {
      throw invalidType(field, "a string", value);
    }
    return text;
  }

  private static boolean optionalBoolean(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean flag)) {
      throw invalidType(field, "a boolean", value);
    }
    return flag;
  }

  private static JsonObject optionalObject(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw invalidType(field, "an object", value);
  }

  private static JsonArray array(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw invalidType(field, "an array", value);
    }
    return array;
  }

  private static ApiError missing(String field) {
    return ApiError.invalidRequest("Missing required parameter: '" + field + "'.", field,
        "missing_required_parameter");
  }

  private static ApiError invalidType(String field, String expected, Object got) {
    String kind = got instanceof String ? "a string" : got instanceof Number ? "a number"
        : got instanceof Boolean ? "a boolean" : got instanceof JsonArray ? "an array"
        : got instanceof JsonObject ? "an object" : "null";
    return ApiError.invalidRequest("Invalid type for '" + field + "': expected " + expected + ", but got " + kind
        + " instead.", field, "invalid_type");
  }
}
