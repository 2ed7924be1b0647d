package gw.gateway.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

/** The chat chunks a stream of another API is read as: one answer's id, model and creation time on each. */
public final class ChatChunks {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private String id = "";
  private String model = "";
  private long created;

  public ChatChunks(long createdSeconds) {
    this.created = createdSeconds;
  }

  /** The answer's own id and model (and creation time, when the API gives one) once its stream names them. */
  public void answer(String id, String model, Long createdSeconds) {
    this.id = id;
    this.model = model;
    if (createdSeconds != null) {
      this.created = createdSeconds;
    }
  }

  /** A chunk of one choice with this delta and finish reason (null while it goes on). */
  public Buffer delta(ObjectNode delta, String finishReason) {
    ObjectNode chunk = base();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    return SseEvents.event(null, chunk.toString());
  }

  /** The usage-only chunk that ends a stream whose client asked for usage. */
  public Buffer usage(ObjectNode usage) {
    ObjectNode chunk = base();
    chunk.putArray("choices");
    chunk.set("usage", usage);
    return SseEvents.event(null, chunk.toString());
  }

  public static Buffer done() {
    return SseEvents.event(null, "[DONE]");
  }

  /** OpenAI's error event, which ends a stream without {@code [DONE]}. */
  public static Buffer error(String message, String type, String code) {
    ObjectNode e = NODES.objectNode();
    e.putObject("error").put("message", message).put("type", type).put("code", code);
    return SseEvents.event(null, e.toString());
  }

  private ObjectNode base() {
    return NODES.objectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
        .put("model", model);
  }
}
