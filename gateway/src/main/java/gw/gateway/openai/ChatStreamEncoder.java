package gw.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.buffer.Buffer;

/**
 * Writes a stream of chat chunks (what the policies let through) as another API's event stream, one
 * stream per instance: the chunks are read whatever their chunking, the first opens the answer, each
 * delta is handed on, the finish reason and usage are kept for the end, {@code [DONE]} closes the answer
 * and an OpenAI error event becomes the API's own.
 */
public abstract class ChatStreamEncoder {
  private final SseEvents events = new SseEvents();
  private boolean started;
  /** The chat finish reason, once a chunk gave it. */
  protected String finishReason;
  /** The chat usage, once the usage chunk came (empty before). */
  protected JsonNode usage = JsonNodeFactory.instance.objectNode();

  public final Buffer encode(Buffer chat) {
    Buffer out = Buffer.buffer();
    if (chat == null) {
      return out;
    }
    for (JsonNode chunk : events.addJson(chat)) {
      if (chunk.has("error")) {
        out.appendBuffer(error(chunk.get("error")));
        continue;
      }
      if (!started) {
        started = true;
        start(chunk == SseEvents.DONE ? JsonNodeFactory.instance.objectNode() : chunk, out);
      }
      if (chunk == SseEvents.DONE) {
        finish(out);
        continue;
      }
      if (chunk.path("usage").isObject()) {
        usage = chunk.get("usage");
      }
      for (JsonNode choice : chunk.path("choices")) {
        delta(choice.path("delta"), out);
        if (choice.hasNonNull("finish_reason")) {
          finishReason = choice.get("finish_reason").asText();
        }
      }
    }
    return out;
  }

  /** Opens the answer, named by the stream's first chunk (id, model, created). */
  protected abstract void start(JsonNode firstChunk, Buffer out);

  protected abstract void delta(JsonNode delta, Buffer out);

  /** Closes the answer at {@code [DONE]}, with {@link #finishReason} and {@link #usage}. */
  protected abstract void finish(Buffer out);

  /** The API's error event for an OpenAI error event. */
  protected abstract Buffer error(JsonNode openAiError);
}
