package gw.gateway.policy.breaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.redact.StreamRedactor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One streamed answer's DATA_INCIDENT filter: splits the SSE byte stream into events, runs each
 * event's {@code delta.content} through a {@link StreamRedactor} (which holds back at most a few
 * hundred characters so a secret split across chunks is still caught) and re-emits the event with
 * the redacted text. Held text goes out before the finishing event, {@code [DONE]}, or the end of
 * the stream. Not thread-safe: it lives on the stream's event loop.
 */
final class StreamLeakGuard {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StreamRedactor redactor;
  private final boolean block;
  private final Runnable onLeak;
  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder rawHeld = new StringBuilder();
  private ObjectNode lastContentEvent;
  private boolean leaked;

  StreamLeakGuard(StreamRedactor redactor, boolean block, Runnable onLeak) {
    this.redactor = redactor;
    this.block = block;
    this.onLeak = onLeak;
  }

  Buffer onChunk(Buffer chunk) {
    pending.append(chunk.toString(StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder(chunk.length() + 16);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String event = pending.substring(0, end + 2);
      pending.delete(0, end + 2);
      out.append(rewrite(event));
    }
    return Buffer.buffer(out.toString());
  }

  /** Held text and any incomplete trailing bytes, for a stream that ended without [DONE]. */
  Buffer onEnd() {
    String tail = flushEvent() + pending;
    pending.setLength(0);
    return tail.isEmpty() ? null : Buffer.buffer(tail);
  }

  private String rewrite(String event) {
    String data = dataOf(event);
    if (data == null) {
      return event;
    }
    if (data.equals("[DONE]")) {
      return flushEvent() + event;
    }
    ObjectNode json;
    try {
      json = (ObjectNode) JSON.readTree(data);
    } catch (IOException | ClassCastException e) {
      return event;
    }
    JsonNode choice = json.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    if (delta.path("content").isTextual()) {
      lastContentEvent = json;
      String content = delta.get("content").asText();
      String filtered = filter(content);
      if (filtered.equals(content) && !(leaked && block && choice.hasNonNull("finish_reason"))) {
        return event; // unchanged: the provider's own bytes
      }
      ((ObjectNode) delta).put("content", filtered);
      markBlocked(choice);
      return "data: " + json + "\n\n";
    }
    if (!choice.hasNonNull("finish_reason")) {
      return event;
    }
    String held = flushEvent();
    if (!(leaked && block) && held.isEmpty()) {
      return event;
    }
    markBlocked(choice);
    return held + "data: " + json + "\n\n";
  }

  private void markBlocked(JsonNode choice) {
    if (leaked && block && choice.hasNonNull("finish_reason")) {
      ((ObjectNode) choice).put("finish_reason", "content_filter");
    }
  }

  private String filter(String content) {
    rawHeld.append(content);
    String emitted = redactor.push(content);
    return checked(emitted);
  }

  /** Compares what goes out with the raw text it stands for; any difference is a leak caught. */
  private String checked(String emitted) {
    int rawLength = rawHeld.length() - redactor.heldChars();
    String raw = rawHeld.substring(0, rawLength);
    rawHeld.delete(0, rawLength);
    if (!raw.equals(emitted) && !leaked) {
      leaked = true;
      onLeak.run();
      if (block) {
        return DataIncidentPolicy.BLOCKED_TEXT;
      }
    }
    return leaked && block ? "" : emitted;
  }

  private String flushEvent() {
    if (redactor.heldChars() == 0 || lastContentEvent == null) {
      return "";
    }
    String tail = checked(redactor.finish());
    if (tail.isEmpty()) {
      return "";
    }
    ObjectNode event = lastContentEvent.deepCopy();
    ObjectNode choice = (ObjectNode) event.path("choices").path(0);
    choice.putNull("finish_reason");
    ((ObjectNode) choice.path("delta")).put("content", tail);
    return "data: " + event + "\n\n";
  }

  private static String dataOf(String event) {
    for (String line : event.split("\n")) {
      if (line.startsWith("data:")) {
        return line.substring(5).trim();
      }
    }
    return null;
  }
}
