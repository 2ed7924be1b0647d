package gw.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.openai.RequestBodies;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A chat completion request written as an Anthropic Messages request, for a provider of kind
 * {@code anthropic}. System and developer messages become {@code system}, tool calls {@code tool_use}
 * blocks, tool messages {@code tool_result} blocks (consecutive same-role messages merged, as Anthropic
 * alternates roles), images image blocks. A field Anthropic has no counterpart for is refused with
 * {@code untranslatable_field} naming it, never dropped; fields that only tune OpenAI's own service
 * ({@code stream_options}, {@code store}, zero penalties) carry no meaning there and are left out.
 */
public final class ChatToMessages {
  /** Anthropic requires max_tokens; a chat request may leave it out. */
  public static final int DEFAULT_MAX_TOKENS = 4096;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Settings of OpenAI's own service (storage, caching, tiers, abuse tracking): nothing to carry. */
  private static final Set<String> IGNORED = Set.of("stream_options", "store", "service_tier", "metadata",
      "prompt_cache_key", "safety_identifier");

  private ChatToMessages() {}

  public static ObjectNode translate(ObjectNode chat) {
    ObjectNode out = NODES.objectNode();
    out.set("model", chat.get("model"));
    ArrayNode system = NODES.arrayNode();
    ArrayNode messages = out.putArray("messages");
    for (Map.Entry<String, JsonNode> field : chat.properties()) {
      String name = field.getKey();
      JsonNode v = field.getValue();
      switch (name) {
        case "model", "max_tokens", "max_completion_tokens", "tools", "tool_choice", "parallel_tool_calls" -> { }
        case "messages" -> {
          for (int i = 0; i < v.size(); i++) {
            addMessage(system, messages, v.get(i), "messages[" + i + "]");
          }
        }
        case "stream" -> out.set("stream", v);
        case "temperature" -> {
          if (v.isNumber() && v.asDouble() > 1) {
            throw refused("temperature", "temperature " + v + " is above Anthropic's maximum of 1");
          }
          out.set("temperature", v);
        }
        case "top_p" -> out.set("top_p", v);
        case "stop" -> out.set("stop_sequences", v.isTextual() ? NODES.arrayNode().add(v) : v);
        case "user" -> out.putObject("metadata").set("user_id", v);
        case "n" -> requireEqual(name, v, 1);
        case "presence_penalty", "frequency_penalty" -> requireEqual(name, v, 0);
        case "response_format" -> {
          if (!v.path("type").asText("text").equals("text")) {
            throw refused(name, "response_format " + v.path("type").asText() + " has no Anthropic counterpart");
          }
        }
        default -> {
          if (!IGNORED.contains(name) && !v.isNull()) {
            throw refused(name, name + " has no Anthropic counterpart");
          }
        }
      }
    }
    JsonNode max = chat.hasNonNull("max_completion_tokens") ? chat.get("max_completion_tokens") : chat.get("max_tokens");
    out.put("max_tokens", max == null || max.isNull() ? DEFAULT_MAX_TOKENS : max.asInt());
    if (!system.isEmpty()) {
      out.set("system", system);
    }
    if (chat.has("tools")) {
      out.set("tools", tools(chat.get("tools")));
    }
    toolChoice(chat, out);
    return out;
  }

  private static void addMessage(ArrayNode system, ArrayNode messages, JsonNode message, String path) {
    String role = message.path("role").asText("");
    JsonNode content = message.path("content");
    switch (role) {
      case "system", "developer" -> system.addAll(blocks(content, path + ".content"));
      case "user" -> append(messages, "user", blocks(content, path + ".content"));
      case "assistant" -> {
        ArrayNode blocks = content.isNull() || content.isMissingNode() ? NODES.arrayNode() : blocks(content, path + ".content");
        JsonNode calls = message.path("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
          JsonNode call = calls.get(i);
          ObjectNode use = blocks.addObject().put("type", "tool_use").put("id", call.path("id").asText())
              .put("name", call.path("function").path("name").asText());
          use.set("input", arguments(call.path("function").path("arguments").asText("{}"),
              path + ".tool_calls[" + i + "].function.arguments"));
        }
        append(messages, "assistant", blocks);
      }
      case "tool" -> {
        ObjectNode result = NODES.objectNode().put("type", "tool_result")
            .put("tool_use_id", message.path("tool_call_id").asText());
        result.set("content", content.isTextual() ? content : blocks(content, path + ".content"));
        append(messages, "user", NODES.arrayNode().add(result));
      }
      default -> throw refused(path + ".role", "role '" + role + "' has no Anthropic counterpart");
    }
  }

  /** Adds blocks as a message of {@code role}, merged into the previous one when it has the same role. */
  private static void append(ArrayNode messages, String role, ArrayNode blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    if (last != null && last.path("role").asText().equals(role)) {
      ((ArrayNode) last.get("content")).addAll(blocks);
    } else {
      messages.addObject().put("role", role).set("content", blocks);
    }
  }

  private static ArrayNode blocks(JsonNode content, String path) {
    ArrayNode blocks = NODES.arrayNode();
    if (content.isTextual()) {
      if (!content.asText().isEmpty()) {
        blocks.addObject().put("type", "text").put("text", content.asText());
      }
      return blocks;
    }
    if (!content.isArray()) {
      throw refused(path, "content must be a string or an array of parts");
    }
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String at = path + "[" + i + "]";
      ObjectNode block = switch (part.path("type").asText("")) {
        case "text" -> NODES.objectNode().put("type", "text").put("text", part.path("text").asText());
        case "image_url" -> image(part.path("image_url").path("url").asText(), at);
        default -> throw refused(at, "a " + part.path("type").asText("?") + " part has no Anthropic counterpart");
      };
      if (part.has("cache_control")) {
        block.set("cache_control", part.get("cache_control"));
      }
      blocks.add(block);
    }
    return blocks;
  }

  private static ObjectNode image(String url, String path) {
    ObjectNode block = NODES.objectNode().put("type", "image");
    ObjectNode source = block.putObject("source");
    if (url.startsWith("data:")) {
      int semi = url.indexOf(";base64,");
      if (semi < 0) {
        throw refused(path, "only base64 data URLs can be sent to Anthropic");
      }
      source.put("type", "base64").put("media_type", url.substring(5, semi)).put("data", url.substring(semi + 8));
    } else {
      source.put("type", "url").put("url", url);
    }
    return block;
  }

  private static JsonNode arguments(String json, String path) {
    try {
      JsonNode input = RequestBodies.JSON.readTree(json.isBlank() ? "{}" : json);
      if (input.isObject()) {
        return input;
      }
    } catch (IOException e) {
      // refused below
    }
    throw refused(path, "tool call arguments must be a JSON object to become Anthropic's tool_use input");
  }

  private static ArrayNode tools(JsonNode tools) {
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (!tool.path("type").asText("function").equals("function")) {
        throw refused("tools[" + i + "]", "a " + tool.path("type").asText() + " tool has no Anthropic counterpart");
      }
      JsonNode f = tool.path("function");
      ObjectNode t = out.addObject().put("name", f.path("name").asText());
      if (f.has("description")) {
        t.set("description", f.get("description"));
      }
      t.set("input_schema", f.has("parameters") ? f.get("parameters") : NODES.objectNode().put("type", "object"));
      if (tool.has("cache_control")) {
        t.set("cache_control", tool.get("cache_control"));
      }
    }
    return out;
  }

  private static void toolChoice(ObjectNode chat, ObjectNode out) {
    JsonNode choice = chat.get("tool_choice");
    boolean noParallel = chat.path("parallel_tool_calls").isBoolean() && !chat.get("parallel_tool_calls").asBoolean();
    if ((choice == null || choice.isNull()) && !noParallel) {
      return;
    }
    ObjectNode c = out.putObject("tool_choice");
    if (choice == null || choice.isNull() || choice.asText().equals("auto")) {
      c.put("type", "auto");
    } else if (choice.isTextual()) {
      c.put("type", switch (choice.asText()) {
        case "required" -> "any";
        case "none" -> "none";
        default -> throw refused("tool_choice", "tool_choice '" + choice.asText() + "' has no Anthropic counterpart");
      });
    } else {
      c.put("type", "tool").put("name", choice.path("function").path("name").asText());
    }
    if (noParallel) {
      c.put("disable_parallel_tool_use", true);
    }
  }

  private static void requireEqual(String name, JsonNode v, double allowed) {
    if (v.isNumber() && v.asDouble() != allowed) {
      throw refused(name, name + " " + v + " has no Anthropic counterpart (only " + (int) allowed + " can be sent)");
    }
  }

  static GatewayFailure refused(String param, String why) {
    return GatewayFailure.invalidRequest("untranslatable_field", param, "The request cannot be sent to an "
        + "Anthropic provider: " + why + ". Remove it, or route this model to an OpenAI-compatible provider.");
  }
}
