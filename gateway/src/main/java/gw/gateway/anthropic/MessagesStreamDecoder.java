package gw.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.openai.ChatChunks;
import gw.gateway.openai.SseEvents;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;

/**
 * An Anthropic provider's event stream read as OpenAI chat chunks, event by event as they arrive, so
 * the policies, the leak guard and the trace see the one stream shape they know: {@code message_start}
 * opens with the assistant role, text and {@code input_json_delta} become content and tool-call
 * deltas, {@code thinking_delta} {@code reasoning_content}, {@code message_delta} the finish reason,
 * {@code message_stop} the usage chunk (when asked) and {@code [DONE]}; an {@code error} event an
 * OpenAI error event. A stream that never reaches {@code message_stop} never gets {@code [DONE]}.
 */
public final class MessagesStreamDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SseEvents events = new SseEvents();
  private final boolean includeUsage;
  private final ChatChunks chunks;
  private final Map<Integer, Integer> toolOfBlock = new HashMap<>();
  private ObjectNode usage = NODES.objectNode();

  public MessagesStreamDecoder(boolean includeUsage, long createdSeconds) {
    this.includeUsage = includeUsage;
    this.chunks = new ChatChunks(createdSeconds);
  }

  public Buffer decode(Buffer chunk) {
    Buffer out = Buffer.buffer();
    for (JsonNode event : events.addJson(chunk)) {
      switch (event.path("type").asText("")) {
        case "message_start" -> {
          JsonNode message = event.path("message");
          chunks.answer(message.path("id").asText(""), message.path("model").asText(""), null);
          merge(message.path("usage"));
          out.appendBuffer(chunks.delta(NODES.objectNode().put("role", "assistant").put("content", ""), null));
        }
        case "content_block_start" -> blockStart(event, out);
        case "content_block_delta" -> blockDelta(event, out);
        case "message_delta" -> {
          merge(event.path("usage"));
          String finish = MessageAnswers.finishReason(event.path("delta").path("stop_reason").asText(null));
          out.appendBuffer(chunks.delta(NODES.objectNode(), finish));
        }
        case "message_stop" -> {
          if (includeUsage) {
            out.appendBuffer(chunks.usage(MessageAnswers.usageToChat(usage)));
          }
          out.appendBuffer(ChatChunks.done());
        }
        case "error" -> out.appendBuffer(ChatChunks.error(event.path("error").path("message").asText("provider error"),
            event.path("error").path("type").asText("api_error"), null));
        default -> { } // ping, content_block_stop
      }
    }
    return out;
  }

  private void blockStart(JsonNode event, Buffer out) {
    JsonNode block = event.path("content_block");
    switch (block.path("type").asText("")) {
      case "tool_use" -> {
        int tool = toolOfBlock.size();
        toolOfBlock.put(event.path("index").asInt(), tool);
        ObjectNode call = NODES.objectNode().put("index", tool).put("id", block.path("id").asText()).put("type", "function");
        call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
        ObjectNode delta = NODES.objectNode();
        delta.putArray("tool_calls").add(call);
        out.appendBuffer(chunks.delta(delta, null));
      }
      case "text" -> {
        if (!block.path("text").asText("").isEmpty()) {
          out.appendBuffer(chunks.delta(NODES.objectNode().put("content", block.path("text").asText()), null));
        }
      }
      default -> { }
    }
  }

  private void blockDelta(JsonNode event, Buffer out) {
    JsonNode delta = event.path("delta");
    switch (delta.path("type").asText("")) {
      case "text_delta" -> out.appendBuffer(chunks.delta(NODES.objectNode().put("content", delta.path("text").asText()), null));
      case "thinking_delta" -> out.appendBuffer(chunks.delta(NODES.objectNode()
          .put("reasoning_content", delta.path("thinking").asText()), null));
      case "input_json_delta" -> {
        Integer tool = toolOfBlock.get(event.path("index").asInt());
        if (tool != null) {
          ObjectNode call = NODES.objectNode().put("index", tool);
          call.putObject("function").put("arguments", delta.path("partial_json").asText());
          ObjectNode d = NODES.objectNode();
          d.putArray("tool_calls").add(call);
          out.appendBuffer(chunks.delta(d, null));
        }
      }
      default -> { }
    }
  }

  /** Counts arrive in message_start and again, final, in message_delta: the latest of each wins. */
  private void merge(JsonNode counts) {
    counts.properties().forEach(e -> {
      if (e.getValue().isNumber()) {
        usage.set(e.getKey(), e.getValue());
      }
    });
  }
}
