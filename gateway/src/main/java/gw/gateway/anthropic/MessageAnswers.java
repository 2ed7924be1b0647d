package gw.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.openai.RequestBodies;
import java.io.IOException;

/**
 * A whole answer both ways between Anthropic's {@code message} and OpenAI's {@code chat.completion}.
 * Usage keeps every count: OpenAI's {@code prompt_tokens} include what was read from
 * ({@code prompt_tokens_details.cached_tokens}) and written to
 * ({@code prompt_tokens_details.cache_write_tokens}) the prompt cache, Anthropic's {@code input_tokens}
 * leave both out ({@code cache_read_input_tokens}, {@code cache_creation_input_tokens}).
 */
public final class MessageAnswers {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MessageAnswers() {}

  public static ObjectNode toChat(JsonNode message, long createdSeconds) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    ArrayNode calls = NODES.arrayNode();
    for (JsonNode block : message.path("content")) {
      switch (block.path("type").asText("")) {
        case "text" -> text.append(block.path("text").asText());
        case "thinking" -> thinking.append(block.path("thinking").asText());
        case "tool_use" -> calls.addObject().put("id", block.path("id").asText()).put("type", "function")
            .putObject("function").put("name", block.path("name").asText())
            .put("arguments", block.path("input").toString());
        default -> { }
      }
    }
    ObjectNode chat = NODES.objectNode().put("id", message.path("id").asText()).put("object", "chat.completion")
        .put("created", createdSeconds).put("model", message.path("model").asText());
    ObjectNode choice = chat.putArray("choices").addObject().put("index", 0);
    ObjectNode msg = choice.putObject("message").put("role", "assistant");
    if (text.length() > 0 || calls.isEmpty()) {
      msg.put("content", text.toString());
    } else {
      msg.putNull("content");
    }
    if (thinking.length() > 0) {
      msg.put("reasoning_content", thinking.toString());
    }
    if (!calls.isEmpty()) {
      msg.set("tool_calls", calls);
    }
    choice.put("finish_reason", finishReason(message.path("stop_reason").asText(null)));
    chat.set("usage", usageToChat(message.path("usage")));
    return chat;
  }

  public static ObjectNode fromChat(JsonNode chat) {
    JsonNode choice = chat.path("choices").path(0);
    JsonNode msg = choice.path("message");
    ObjectNode message = NODES.objectNode().put("id", messageId(chat.path("id").asText("")))
        .put("type", "message").put("role", "assistant").put("model", chat.path("model").asText());
    ArrayNode content = message.putArray("content");
    if (msg.hasNonNull("reasoning_content")) {
      content.addObject().put("type", "thinking").put("thinking", msg.get("reasoning_content").asText())
          .put("signature", "");
    }
    if (msg.path("content").isTextual() && !msg.get("content").asText().isEmpty()) {
      content.addObject().put("type", "text").put("text", msg.get("content").asText());
    }
    for (JsonNode call : msg.path("tool_calls")) {
      content.addObject().put("type", "tool_use").put("id", call.path("id").asText())
          .put("name", call.path("function").path("name").asText())
          .set("input", input(call.path("function").path("arguments").asText("{}")));
    }
    if (content.isEmpty()) {
      content.addObject().put("type", "text").put("text", "");
    }
    message.put("stop_reason", stopReason(choice.path("finish_reason").asText(null)));
    message.putNull("stop_sequence");
    message.set("usage", usageFromChat(chat.path("usage")));
    return message;
  }

  /** OpenAI's usage object from Anthropic's. */
  static ObjectNode usageToChat(JsonNode usage) {
    long input = usage.path("input_tokens").asLong();
    long read = usage.path("cache_read_input_tokens").asLong();
    long written = usage.path("cache_creation_input_tokens").asLong();
    long output = usage.path("output_tokens").asLong();
    ObjectNode u = NODES.objectNode().put("prompt_tokens", input + read + written).put("completion_tokens", output)
        .put("total_tokens", input + read + written + output);
    u.putObject("prompt_tokens_details").put("cached_tokens", read).put("cache_write_tokens", written);
    return u;
  }

  /** Anthropic's usage object from OpenAI's. */
  static ObjectNode usageFromChat(JsonNode usage) {
    long read = usage.path("prompt_tokens_details").path("cached_tokens").asLong();
    long written = usage.path("prompt_tokens_details").path("cache_write_tokens").asLong();
    return NODES.objectNode().put("input_tokens", Math.max(0, usage.path("prompt_tokens").asLong() - read - written))
        .put("cache_creation_input_tokens", written).put("cache_read_input_tokens", read)
        .put("output_tokens", usage.path("completion_tokens").asLong());
  }

  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "max_tokens" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      default -> "stop"; // end_turn, stop_sequence, pause_turn
    };
  }

  static String stopReason(String finishReason) {
    if (finishReason == null) {
      return null;
    }
    return switch (finishReason) {
      case "length" -> "max_tokens";
      case "tool_calls", "function_call" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> "end_turn";
    };
  }

  /** Anthropic's SDKs expect message ids; an OpenAI id keeps its text under Anthropic's prefix. */
  static String messageId(String id) {
    return id.startsWith("msg_") ? id : "msg_" + id;
  }

  static JsonNode input(String arguments) {
    try {
      JsonNode input = RequestBodies.JSON.readTree(arguments.isBlank() ? "{}" : arguments);
      return input.isObject() ? input : NODES.objectNode().set("value", input);
    } catch (IOException e) {
      return NODES.objectNode().put("arguments", arguments); // a cut-short answer's partial arguments, kept as text
    }
  }
}
