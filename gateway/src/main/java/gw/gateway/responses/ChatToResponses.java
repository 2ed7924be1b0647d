package gw.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.GatewayFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chat completion request written as a Responses request: the inverse of {@link ResponsesToChat}, used
 * when a policy changed a Responses client's request (a fallback model, a redacted prompt) and it goes
 * to a Responses API again. A leading system message becomes {@code instructions}; chat fields the
 * Responses API has no counterpart for are refused with {@code untranslatable_field}.
 */
public final class ChatToResponses {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> SAME = Set.of("model", "stream", "temperature", "top_p", "parallel_tool_calls",
      "user", "store", "metadata", "service_tier", "prompt_cache_key", "safety_identifier", "top_logprobs");

  private ChatToResponses() {}

  public static ObjectNode translate(ObjectNode chat) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : chat.properties()) {
      String name = field.getKey();
      JsonNode v = field.getValue();
      if (SAME.contains(name)) {
        out.set(name, v);
        continue;
      }
      switch (name) {
        case "messages" -> input(v, out);
        case "max_tokens", "max_completion_tokens" -> out.set("max_output_tokens", v);
        case "reasoning_effort" -> out.putObject("reasoning").set("effort", v);
        case "verbosity" -> out.with("text").set("verbosity", v);
        case "response_format" -> format(v, out);
        case "tools" -> out.set("tools", tools(v));
        case "tool_choice" -> out.set("tool_choice", v.isTextual() ? v
            : NODES.objectNode().put("type", "function").set("name", v.path("function").path("name")));
        case "stream_options" -> { } // a Responses stream always ends with usage
        default -> {
          if (!v.isNull()) {
            throw GatewayFailure.invalidRequest("untranslatable_field", name, "The request cannot be sent to a "
                + "Responses API: " + name + " has no counterpart there.");
          }
        }
      }
    }
    return out;
  }

  private static void input(JsonNode messages, ObjectNode out) {
    ArrayNode input = out.putArray("input");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText();
      if (i == 0 && role.equals("system") && m.path("content").isTextual()) {
        out.set("instructions", m.get("content"));
        continue;
      }
      switch (role) {
        case "tool" -> input.addObject().put("type", "function_call_output").put("call_id", m.path("tool_call_id").asText())
            .set("output", m.path("content").isTextual() ? m.get("content") : NODES.textNode(m.path("content").toString()));
        default -> {
          JsonNode content = m.path("content");
          if (!content.isNull() && !content.isMissingNode() && !(content.isTextual() && content.asText().isEmpty()
              && m.has("tool_calls"))) {
            input.addObject().put("type", "message").put("role", role).set("content", parts(content, role));
          }
          for (JsonNode call : m.path("tool_calls")) {
            input.addObject().put("type", "function_call").put("call_id", call.path("id").asText())
                .put("name", call.path("function").path("name").asText())
                .put("arguments", call.path("function").path("arguments").asText("{}"));
          }
        }
      }
    }
  }

  private static JsonNode parts(JsonNode content, String role) {
    if (content.isTextual()) {
      return content;
    }
    ArrayNode parts = NODES.arrayNode();
    for (JsonNode part : content) {
      switch (part.path("type").asText()) {
        case "text" -> parts.addObject().put("type", role.equals("assistant") ? "output_text" : "input_text")
            .set("text", part.get("text"));
        case "image_url" -> {
          ObjectNode image = parts.addObject().put("type", "input_image");
          image.set("image_url", part.path("image_url").path("url"));
          if (part.path("image_url").hasNonNull("detail")) {
            image.set("detail", part.path("image_url").get("detail"));
          }
        }
        default -> throw GatewayFailure.invalidRequest("untranslatable_field", "messages",
            "The request cannot be sent to a Responses API: a " + part.path("type").asText() + " part has no counterpart there.");
      }
    }
    return parts;
  }

  private static void format(JsonNode format, ObjectNode out) {
    String type = format.path("type").asText("text");
    ObjectNode f = out.with("text").putObject("format").put("type", type);
    if (type.equals("json_schema")) {
      for (String name : List.of("name", "schema", "strict", "description")) {
        if (format.path("json_schema").has(name)) {
          f.set(name, format.path("json_schema").get(name));
        }
      }
    }
  }

  private static ArrayNode tools(JsonNode tools) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode tool : tools) {
      ObjectNode t = out.addObject().put("type", "function");
      JsonNode f = tool.path("function");
      for (String name : List.of("name", "description", "parameters", "strict")) {
        if (f.has(name)) {
          t.set(name, f.get(name));
        }
      }
    }
    return out;
  }
}
