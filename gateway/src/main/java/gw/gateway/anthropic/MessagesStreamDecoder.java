package gw.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.openai.RequestBodies;
import gw.gateway.openai.SseEvents;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
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
  private final long created;
  private final Map<Integer, Integer> toolOfBlock = new HashMap<>();
  private String id = "";
  private String model = "";
  private ObjectNode usage = NODES.objectNode();

  public MessagesStreamDecoder(boolean includeUsage, long createdSeconds) {
    this.includeUsage = includeUsage;
    this.created = createdSeconds;
  }

  public Buffer decode(Buffer chunk) {
    Buffer out = Buffer.buffer();
    for (String data : events.add(chunk)) {
      JsonNode event;
      try {
        event = RequestBodies.JSON.readTree(data);
      } catch (IOException e) {
        continue; // not an event this translation can carry; the stream's end still decides completeness
      }
      switch (event.path("type").asText("")) {
        case "message_start" -> {
          JsonNode message = event.path("message");
          id = message.path("id").asText("");
          model = message.path("model").asText("");
          merge(message.path("usage"));
          out.appendBuffer(chunk(NODES.objectNode().put("role", "assistant").put("content", ""), null));
        }
        case "content_block_start" -> blockStart(event, out);
        case "content_block_delta" -> blockDelta(event, out);
        case "message_delta" -> {
          merge(event.path("usage"));
          String finish = MessageAnswers.finishReason(event.path("delta").path("stop_reason").asText(null));
          out.appendBuffer(chunk(NODES.objectNode(), finish));
        }
        case "message_stop" -> {
          if (includeUsage) {
            ObjectNode last = base();
            last.putArray("choices");
            last.set("usage", MessageAnswers.usageToChat(usage));
            out.appendBuffer(SseEvents.event(null, last.toString()));
          }
          out.appendBuffer(SseEvents.event(null, "[DONE]"));
        }
        case "error" -> {
          ObjectNode error = NODES.objectNode();
          error.putObject("error").put("message", event.path("error").path("message").asText("provider error"))
              .put("type", event.path("error").path("type").asText("api_error")).putNull("code");
          out.appendBuffer(SseEvents.event(null, error.toString()));
        }
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
        out.appendBuffer(chunk(delta, null));
      }
      case "text" -> {
        if (!block.path("text").asText("").isEmpty()) {
          out.appendBuffer(chunk(NODES.objectNode().put("content", block.path("text").asText()), null));
        }
      }
      default -> { }
    }
  }

  private void blockDelta(JsonNode event, Buffer out) {
    JsonNode delta = event.path("delta");
    switch (delta.path("type").asText("")) {
      case "text_delta" -> out.appendBuffer(chunk(NODES.objectNode().put("content", delta.path("text").asText()), null));
      case "thinking_delta" -> out.appendBuffer(chunk(NODES.objectNode()
          .put("reasoning_content", delta.path("thinking").asText()), null));
      case "input_json_delta" -> {
        Integer tool = toolOfBlock.get(event.path("index").asInt());
        if (tool != null) {
          ObjectNode call = NODES.objectNode().put("index", tool);
          call.putObject("function").put("arguments", delta.path("partial_json").asText());
          ObjectNode d = NODES.objectNode();
          d.putArray("tool_calls").add(call);
          out.appendBuffer(chunk(d, null));
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

  private Buffer chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = base();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    return SseEvents.event(null, chunk.toString());
  }

  private ObjectNode base() {
    return NODES.objectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
        .put("model", model);
  }
}
