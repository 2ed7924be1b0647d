package gw.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.openai.TranslatedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An OpenAI Responses request read as the chat completion every policy works on: {@code instructions}
 * → a system message, {@code input} items → messages ({@code function_call} → assistant tool calls,
 * {@code function_call_output} → tool messages), {@code max_output_tokens} → {@code max_tokens},
 * {@code text.format} → {@code response_format}, function tools → chat tools. What chat has no word for
 * ({@code previous_response_id}, built-in tools, reasoning items, files) is listed as untranslated: the
 * request still goes as sent to a provider with a Responses API, never silently without it elsewhere.
 */
public final class ResponsesToChat {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Same name, same meaning in both APIs. */
  private static final Set<String> SAME = Set.of("model", "stream", "temperature", "top_p", "parallel_tool_calls",
      "user", "store", "metadata", "service_tier", "prompt_cache_key", "safety_identifier", "top_logprobs", "gateway");
  private static final Set<String> MAPPED = Set.of("instructions", "input", "max_output_tokens", "tools",
      "tool_choice", "text", "reasoning");

  private ResponsesToChat() {}

  public static TranslatedRequest translate(ObjectNode body) {
    JsonNode input = body.get("input");
    if (input == null || !(input.isTextual() || input.isArray())) {
      throw GatewayFailure.invalidRequest("invalid_input", "input", "input must be a string or an array of input items.");
    }
    List<String> untranslated = new ArrayList<>();
    ObjectNode chat = NODES.objectNode();
    ArrayNode messages = NODES.arrayNode();
    if (body.hasNonNull("instructions")) {
      messages.addObject().put("role", "system").set("content", body.get("instructions"));
    }
    if (input.isTextual()) {
      messages.addObject().put("role", "user").set("content", input);
    } else {
      for (int i = 0; i < input.size(); i++) {
        addItem(messages, input.get(i), "input[" + i + "]", untranslated);
      }
    }
    body.properties().forEach(field -> {
      String name = field.getKey();
      JsonNode v = field.getValue();
      if (SAME.contains(name)) {
        chat.set(name, v);
      } else if (!MAPPED.contains(name) && !(name.equals("truncation") && v.asText().equals("disabled"))
          && !(name.equals("include") && v.isArray() && v.isEmpty()) && !v.isNull()) {
        untranslated.add(name);
      }
    });
    chat.set("messages", messages);
    if (body.path("stream").asBoolean(false)) {
      chat.putObject("stream_options").put("include_usage", true); // a Responses stream always ends with usage
    }
    if (body.hasNonNull("max_output_tokens")) {
      chat.set("max_tokens", body.get("max_output_tokens"));
    }
    JsonNode reasoning = body.path("reasoning");
    if (reasoning.hasNonNull("effort")) {
      chat.set("reasoning_effort", reasoning.get("effort"));
    }
    if (reasoning.hasNonNull("summary")) {
      untranslated.add("reasoning.summary");
    }
    format(body.path("text"), chat, untranslated);
    if (body.has("tools")) {
      chat.set("tools", tools(body.get("tools"), untranslated));
    }
    if (body.hasNonNull("tool_choice")) {
      toolChoice(body.get("tool_choice"), chat, untranslated);
    }
    return new TranslatedRequest(chat, List.copyOf(untranslated));
  }

  private static void addItem(ArrayNode messages, JsonNode item, String path, List<String> untranslated) {
    String type = item.path("type").asText(item.has("role") ? "message" : "");
    switch (type) {
      case "message" -> {
        String role = item.path("role").asText("user");
        ObjectNode message = NODES.objectNode().put("role", role);
        message.set("content", content(item.path("content"), path + ".content", untranslated));
        messages.add(message);
      }
      case "function_call" -> {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ObjectNode assistant = last != null && last.path("role").asText().equals("assistant")
            ? (ObjectNode) last : messages.addObject().put("role", "assistant").putNull("content");
        ArrayNode calls = assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls")
            : assistant.putArray("tool_calls");
        calls.addObject().put("id", item.path("call_id").asText()).put("type", "function")
            .putObject("function").put("name", item.path("name").asText())
            .put("arguments", item.path("arguments").asText("{}"));
      }
      case "function_call_output" -> {
        JsonNode output = item.path("output");
        messages.addObject().put("role", "tool").put("tool_call_id", item.path("call_id").asText())
            .set("content", output.isTextual() ? output : NODES.textNode(output.toString()));
      }
      default -> untranslated.add(path + " (" + (type.isEmpty() ? "?" : type) + ")");
    }
  }

  private static JsonNode content(JsonNode content, String path, List<String> untranslated) {
    if (content.isTextual()) {
      return content;
    }
    ArrayNode parts = NODES.arrayNode();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      switch (part.path("type").asText("")) {
        case "input_text", "output_text" -> parts.addObject().put("type", "text").put("text", part.path("text").asText());
        case "input_image" -> {
          if (!part.hasNonNull("image_url")) {
            untranslated.add(path + "[" + i + "] (input_image by file_id)");
            continue;
          }
          ObjectNode url = parts.addObject().put("type", "image_url").putObject("image_url");
          url.set("url", part.get("image_url"));
          if (part.hasNonNull("detail")) {
            url.set("detail", part.get("detail"));
          }
        }
        default -> untranslated.add(path + "[" + i + "] (" + part.path("type").asText("?") + ")");
      }
    }
    if (parts.size() == 1 && parts.get(0).path("type").asText().equals("text")) {
      return parts.get(0).get("text");
    }
    return parts;
  }

  private static void format(JsonNode text, ObjectNode chat, List<String> untranslated) {
    JsonNode format = text.path("format");
    switch (format.path("type").asText("text")) {
      case "text" -> { }
      case "json_object" -> chat.putObject("response_format").put("type", "json_object");
      case "json_schema" -> {
        ObjectNode schema = chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        for (String f : List.of("name", "schema", "strict", "description")) {
          if (format.has(f)) {
            schema.set(f, format.get(f));
          }
        }
      }
      default -> untranslated.add("text.format");
    }
    if (text.hasNonNull("verbosity")) {
      chat.set("verbosity", text.get("verbosity"));
    }
  }

  private static ArrayNode tools(JsonNode tools, List<String> untranslated) {
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (!tool.path("type").asText().equals("function")) {
        untranslated.add("tools[" + i + "] (" + tool.path("type").asText("?") + ")");
        continue;
      }
      ObjectNode function = out.addObject().put("type", "function").putObject("function");
      for (String f : List.of("name", "description", "parameters", "strict")) {
        if (tool.has(f)) {
          function.set(f, tool.get(f));
        }
      }
    }
    return out;
  }

  private static void toolChoice(JsonNode choice, ObjectNode chat, List<String> untranslated) {
    if (choice.isTextual()) {
      chat.set("tool_choice", choice);
    } else if (choice.path("type").asText().equals("function")) {
      chat.putObject("tool_choice").put("type", "function").putObject("function").set("name", choice.get("name"));
    } else {
      untranslated.add("tool_choice");
    }
  }
}
