package gw.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.openai.ChatChunks;
import gw.gateway.openai.SseEvents;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A Responses event stream read as OpenAI chat chunks, event by event as it arrives: text and refusal
 * deltas become content, {@code function_call} items and their argument deltas tool calls,
 * {@code response.completed}/{@code response.incomplete} the finish reason, the usage chunk (when asked)
 * and {@code [DONE]}; {@code response.failed} and {@code error} an OpenAI error event. A stream that never
 * completes never gets {@code [DONE]}.
 */
public final class ResponsesStreamDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SseEvents events = new SseEvents();
  private final boolean includeUsage;
  private final ChatChunks chunks = new ChatChunks(0);
  private final Map<String, Integer> toolOfItem = new HashMap<>();

  public ResponsesStreamDecoder(boolean includeUsage) {
    this.includeUsage = includeUsage;
  }

  public Buffer decode(Buffer chunk) {
    Buffer out = Buffer.buffer();
    for (JsonNode event : events.addJson(chunk)) {
      switch (event.path("type").asText("")) {
        case "response.created" -> {
          JsonNode r = event.path("response");
          chunks.answer(r.path("id").asText(""), r.path("model").asText(""), r.path("created_at").asLong());
          out.appendBuffer(chunks.delta(NODES.objectNode().put("role", "assistant").put("content", ""), null));
        }
        case "response.output_item.added" -> {
          JsonNode item = event.path("item");
          if (item.path("type").asText().equals("function_call")) {
            int tool = toolOfItem.size();
            toolOfItem.put(item.path("id").asText(), tool);
            ObjectNode call = NODES.objectNode().put("index", tool).put("id", item.path("call_id").asText())
                .put("type", "function");
            call.putObject("function").put("name", item.path("name").asText()).put("arguments", "");
            out.appendBuffer(chunks.delta(toolCalls(call), null));
          }
        }
        case "response.output_text.delta" -> out.appendBuffer(chunks.delta(NODES.objectNode()
            .put("content", event.path("delta").asText()), null));
        case "response.refusal.delta" -> out.appendBuffer(chunks.delta(NODES.objectNode()
            .put("refusal", event.path("delta").asText()), null));
        case "response.function_call_arguments.delta" -> {
          Integer tool = toolOfItem.get(event.path("item_id").asText());
          if (tool != null) {
            ObjectNode call = NODES.objectNode().put("index", tool);
            call.putObject("function").put("arguments", event.path("delta").asText());
            out.appendBuffer(chunks.delta(toolCalls(call), null));
          }
        }
        case "response.completed", "response.incomplete" -> {
          JsonNode r = event.path("response");
          out.appendBuffer(chunks.delta(NODES.objectNode(), ResponseAnswers.finishReason(r, !toolOfItem.isEmpty())));
          if (includeUsage) {
            out.appendBuffer(chunks.usage(ResponseAnswers.usageToChat(r.path("usage"))));
          }
          out.appendBuffer(ChatChunks.done());
        }
        case "response.failed" -> out.appendBuffer(error(event.path("response").path("error")));
        case "error" -> out.appendBuffer(error(event));
        default -> { }
      }
    }
    return out;
  }

  private static Buffer error(JsonNode error) {
    return ChatChunks.error(error.path("message").asText("provider error"), "server_error",
        error.path("code").asText(null));
  }

  private static ObjectNode toolCalls(ObjectNode call) {
    ObjectNode delta = NODES.objectNode();
    delta.putArray("tool_calls").add(call);
    return delta;
  }
}
