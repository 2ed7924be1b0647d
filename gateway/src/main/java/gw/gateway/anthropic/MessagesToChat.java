package gw.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.openai.TranslatedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Anthropic Messages request read as the chat completion every policy works on. What has a chat
 * counterpart is mapped ({@code system} → a system message, {@code tool_use} → tool calls,
 * {@code tool_result} → tool messages, images → image parts, {@code stop_sequences} → {@code stop},
 * {@code cache_control} kept on its part); what has none ({@code thinking}, {@code top_k}, documents,
 * server tools…) is listed in {@link Translated#untranslated()}: the request still goes, byte for byte,
 * to an Anthropic provider, but never to one that would silently lose it.
 */
public final class MessagesToChat {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Fields read here; any other top-level field has no chat counterpart. */
  private static final Set<String> MAPPED = Set.of("model", "max_tokens", "messages", "system", "stream",
      "temperature", "top_p", "stop_sequences", "tools", "tool_choice", "metadata", "gateway");

  private MessagesToChat() {}

  /** Checks what the gateway itself relies on, in Anthropic's words, then translates. */
  public static TranslatedRequest translate(ObjectNode body) {
    JsonNode maxTokens = body.get("max_tokens");
    if (maxTokens == null || !maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.asInt() < 1) {
      throw GatewayFailure.invalidRequest("invalid_max_tokens", "max_tokens",
          "max_tokens: Field required (an integer >= 1)");
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw GatewayFailure.invalidRequest("invalid_messages", "messages",
          "messages: Field required (a non-empty array of {role, content})");
    }
    List<String> untranslated = new ArrayList<>();
    ObjectNode chat = NODES.objectNode();
    chat.set("model", body.get("model"));
    ArrayNode out = chat.putArray("messages");
    if (body.hasNonNull("system")) {
      out.add(NODES.objectNode().put("role", "system").set("content", parts(body.get("system"), "system", untranslated)));
    }
    for (int i = 0; i < messages.size(); i++) {
      addMessage(out, messages.get(i), "messages[" + i + "]", untranslated);
    }
    chat.set("max_tokens", maxTokens);
    copy(body, chat, "stream", "stream");
    if (body.path("stream").asBoolean(false)) {
      chat.putObject("stream_options").put("include_usage", true); // Anthropic streams always carry usage
    }
    copy(body, chat, "temperature", "temperature");
    copy(body, chat, "top_p", "top_p");
    copy(body, chat, "stop_sequences", "stop");
    if (body.path("metadata").hasNonNull("user_id")) {
      chat.set("user", body.get("metadata").get("user_id"));
    }
    if (body.has("tools")) {
      chat.set("tools", tools(body.get("tools"), untranslated));
    }
    if (body.has("tool_choice")) {
      toolChoice(body.get("tool_choice"), chat);
    }
    if (body.has("gateway")) {
      chat.set("gateway", body.get("gateway"));
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!MAPPED.contains(name)) {
        untranslated.add(name);
      }
    });
    return new TranslatedRequest(chat, List.copyOf(untranslated));
  }

  private static void addMessage(ArrayNode out, JsonNode message, String path, List<String> untranslated) {
    String role = message.path("role").asText("");
    if (!role.equals("user") && !role.equals("assistant")) {
      throw GatewayFailure.invalidRequest("invalid_messages", path + ".role",
          path + ".role: Input should be 'user' or 'assistant'");
    }
    JsonNode content = message.get("content");
    if (content != null && content.isTextual()) {
      out.add(NODES.objectNode().put("role", role).set("content", content));
      return;
    }
    if (content == null || !content.isArray()) {
      throw GatewayFailure.invalidRequest("invalid_messages", path + ".content",
          path + ".content: Input should be a string or a list of content blocks");
    }
    ArrayNode parts = NODES.arrayNode();
    ArrayNode toolCalls = NODES.arrayNode();
    for (int i = 0; i < content.size(); i++) {
      JsonNode block = content.get(i);
      String at = path + ".content[" + i + "]";
      switch (block.path("type").asText("")) {
        case "tool_use" -> toolCalls.add(NODES.objectNode().put("id", block.path("id").asText())
            .put("type", "function").set("function", NODES.objectNode().put("name", block.path("name").asText())
                .put("arguments", block.path("input").isMissingNode() ? "{}" : block.get("input").toString())));
        case "tool_result" -> {
          flush(out, role, parts, null);
          parts = NODES.arrayNode();
          if (block.path("is_error").asBoolean(false)) {
            untranslated.add(at + ".is_error");
          }
          JsonNode result = block.path("content");
          out.add(NODES.objectNode().put("role", "tool").put("tool_call_id", block.path("tool_use_id").asText())
              .set("content", result.isMissingNode() ? NODES.textNode("") : parts(result, at + ".content", untranslated)));
        }
        default -> {
          JsonNode part = part(block, at, untranslated);
          if (part != null) {
            parts.add(part);
          }
        }
      }
    }
    flush(out, role, parts, toolCalls.isEmpty() ? null : toolCalls);
  }

  private static void flush(ArrayNode out, String role, ArrayNode parts, ArrayNode toolCalls) {
    if (parts.isEmpty() && toolCalls == null) {
      return;
    }
    ObjectNode message = NODES.objectNode().put("role", role);
    message.set("content", parts.isEmpty() ? NODES.nullNode() : simplified(parts));
    if (toolCalls != null) {
      message.set("tool_calls", toolCalls);
    }
    out.add(message);
  }

  /** Text parts without cache marks read as one string, as most chat clients send them. */
  private static JsonNode simplified(ArrayNode parts) {
    StringBuilder text = new StringBuilder();
    for (JsonNode p : parts) {
      if (!p.path("type").asText().equals("text") || p.size() != 2) {
        return parts;
      }
      text.append(text.length() == 0 ? "" : "\n").append(p.path("text").asText());
    }
    return parts.size() == 1 ? NODES.textNode(text.toString()) : parts;
  }

  /** A string, or content blocks as chat parts. */
  private static JsonNode parts(JsonNode value, String path, List<String> untranslated) {
    if (value.isTextual()) {
      return value;
    }
    ArrayNode parts = NODES.arrayNode();
    for (int i = 0; i < value.size(); i++) {
      JsonNode part = part(value.get(i), path + "[" + i + "]", untranslated);
      if (part != null) {
        parts.add(part);
      }
    }
    return simplified(parts);
  }

  private static JsonNode part(JsonNode block, String path, List<String> untranslated) {
    ObjectNode part;
    switch (block.path("type").asText("")) {
      case "text" -> part = NODES.objectNode().put("type", "text").put("text", block.path("text").asText());
      case "image" -> {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asText("")) {
          case "base64" -> "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
          case "url" -> source.path("url").asText();
          default -> null;
        };
        if (url == null) {
          untranslated.add(path);
          return null;
        }
        part = NODES.objectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
      }
      default -> {
        untranslated.add(path + " (" + block.path("type").asText("?") + ")");
        return null;
      }
    }
    if (block.has("cache_control")) {
      part.set("cache_control", block.get("cache_control"));
    }
    for (Map.Entry<String, JsonNode> field : block.properties()) {
      if (!Set.of("type", "text", "source", "cache_control", "citations").contains(field.getKey())) {
        untranslated.add(path + "." + field.getKey());
      }
    }
    return part;
  }

  private static ArrayNode tools(JsonNode tools, List<String> untranslated) {
    ArrayNode functions = NODES.arrayNode();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String type = tool.path("type").asText("custom");
      if (!type.equals("custom") || !tool.has("input_schema")) {
        untranslated.add("tools[" + i + "] (" + type + ")");
        continue;
      }
      ObjectNode function = NODES.objectNode().put("name", tool.path("name").asText());
      if (tool.has("description")) {
        function.set("description", tool.get("description"));
      }
      function.set("parameters", tool.get("input_schema"));
      ObjectNode entry = NODES.objectNode().put("type", "function");
      entry.set("function", function);
      if (tool.has("cache_control")) {
        entry.set("cache_control", tool.get("cache_control"));
      }
      functions.add(entry);
    }
    return functions;
  }

  private static void toolChoice(JsonNode choice, ObjectNode chat) {
    switch (choice.path("type").asText("auto")) {
      case "any" -> chat.put("tool_choice", "required");
      case "none" -> chat.put("tool_choice", "none");
      case "tool" -> chat.putObject("tool_choice").put("type", "function")
          .putObject("function").put("name", choice.path("name").asText());
      default -> chat.put("tool_choice", "auto");
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
      chat.put("parallel_tool_calls", false);
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String field, String as) {
    if (from.has(field)) {
      to.set(as, from.get(field));
    }
  }
}
