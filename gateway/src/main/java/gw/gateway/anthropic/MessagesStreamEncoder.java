package gw.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.openai.ChatStreamEncoder;
import gw.gateway.openai.SseEvents;
import io.vertx.core.buffer.Buffer;

/**
 * OpenAI chat chunks (what the policies let through) written as Anthropic's event stream for a
 * {@code /v1/messages} client: {@code message_start} on the first chunk, one content block per text,
 * thinking or tool call with its deltas, {@code content_block_stop} when the next begins, and at
 * {@code [DONE]} the {@code message_delta} with the stop reason and every usage count, then
 * {@code message_stop}. An OpenAI error event becomes Anthropic's {@code error} event.
 */
public final class MessagesStreamEncoder extends ChatStreamEncoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private int blockIndex = -1;
  private String openBlock;

  /** Anthropic's error event for a failure the provider's stream ended with. */
  @Override
  protected Buffer error(JsonNode openAiError) {
    int status = "rate_limit_error".equals(openAiError.path("type").asText()) ? 429 : 500;
    ObjectNode body = AnthropicErrors.body(status, openAiError.path("message").asText("The stream failed"));
    return SseEvents.event("error", body.toString());
  }

  @Override
  protected void start(JsonNode chunk, Buffer out) {
    ObjectNode message = NODES.objectNode().put("id", MessageAnswers.messageId(chunk.path("id").asText("")))
        .put("type", "message").put("role", "assistant").put("model", chunk.path("model").asText());
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
    ObjectNode event = NODES.objectNode().put("type", "message_start");
    event.set("message", message);
    out.appendBuffer(SseEvents.event("message_start", event.toString()));
  }

  @Override
  protected void delta(JsonNode delta, Buffer out) {
    if (delta.path("reasoning_content").isTextual() && !delta.get("reasoning_content").asText().isEmpty()) {
      open("thinking", NODES.objectNode().put("type", "thinking").put("thinking", ""), out);
      blockDelta(NODES.objectNode().put("type", "thinking_delta").put("thinking", delta.get("reasoning_content").asText()), out);
    }
    if (delta.path("content").isTextual() && !delta.get("content").asText().isEmpty()) {
      open("text", NODES.objectNode().put("type", "text").put("text", ""), out);
      blockDelta(NODES.objectNode().put("type", "text_delta").put("text", delta.get("content").asText()), out);
    }
    for (JsonNode call : delta.path("tool_calls")) {
      if (call.hasNonNull("id")) {
        close(out);
        ObjectNode block = NODES.objectNode().put("type", "tool_use").put("id", call.get("id").asText())
            .put("name", call.path("function").path("name").asText());
        block.putObject("input");
        open("tool_use", block, out);
      }
      String arguments = call.path("function").path("arguments").asText("");
      if (!arguments.isEmpty() && "tool_use".equals(openBlock)) {
        blockDelta(NODES.objectNode().put("type", "input_json_delta").put("partial_json", arguments), out);
      }
    }
  }

  /** Opens a block of {@code kind} unless one is already open (tool calls always open their own). */
  private void open(String kind, ObjectNode block, Buffer out) {
    if (kind.equals(openBlock) && !kind.equals("tool_use")) {
      return;
    }
    close(out);
    openBlock = kind;
    blockIndex++;
    ObjectNode event = NODES.objectNode().put("type", "content_block_start").put("index", blockIndex);
    event.set("content_block", block);
    out.appendBuffer(SseEvents.event("content_block_start", event.toString()));
  }

  private void blockDelta(ObjectNode delta, Buffer out) {
    ObjectNode event = NODES.objectNode().put("type", "content_block_delta").put("index", blockIndex);
    event.set("delta", delta);
    out.appendBuffer(SseEvents.event("content_block_delta", event.toString()));
  }

  private void close(Buffer out) {
    if (openBlock != null) {
      out.appendBuffer(SseEvents.event("content_block_stop",
          NODES.objectNode().put("type", "content_block_stop").put("index", blockIndex).toString()));
      openBlock = null;
    }
  }

  @Override
  protected void finish(Buffer out) {
    close(out);
    ObjectNode event = NODES.objectNode().put("type", "message_delta");
    event.putObject("delta").put("stop_reason", finishReason == null ? "end_turn" : MessageAnswers.stopReason(finishReason)).putNull("stop_sequence");
    event.set("usage", MessageAnswers.usageFromChat(usage));
    out.appendBuffer(SseEvents.event("message_delta", event.toString()));
    out.appendBuffer(SseEvents.event("message_stop", NODES.objectNode().put("type", "message_stop").toString()));
  }
}
