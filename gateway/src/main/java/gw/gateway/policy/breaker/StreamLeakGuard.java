package gw.gateway.policy.breaker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.json.Json;
import gw.traces.redact.StreamRedactor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One streamed answer's DATA_INCIDENT filter: splits the SSE byte stream into events, runs each
 * event's {@code delta.content} through a {@link StreamRedactor} (which holds back at most a few
 * hundred characters so a secret split across chunks is still caught, and asks the answer's
 * {@link AnswerScan} which values to replace) and re-emits the event with the filtered text. Held text goes out before the finishing event, {@code [DONE]}, or the end of
 * the stream. Not thread-safe: it lives on the stream's event loop.
 */
final class StreamLeakGuard {
  private static final ObjectMapper JSON = Json.MAPPER;

  private final StreamRedactor redactor;
  private final boolean block;
  private final AnswerScan scan;
  private final StringBuilder pending = new StringBuilder();
  private String lastContentData;
  private boolean leaked;

  /** {@code redactor} must ask {@code scan} which values to replace. */
  StreamLeakGuard(StreamRedactor redactor, boolean block, AnswerScan scan) {
    this.redactor = redactor;
    this.block = block;
    this.scan = scan;
  }

  AnswerScan scan() {
    return scan;
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
    Scan scan = scan(data);
    if (scan == null) {
      return event;
    }
    String filtered = null;
    if (scan.content() != null) {
      lastContentData = data;
      filtered = filter(scan.content());
      if (filtered.equals(scan.content()) && !(leaked && block && scan.finished())) {
        return event; // unchanged: the provider's own bytes, no tree built
      }
    } else if (!scan.finished()) {
      return event;
    }
    String held = filtered == null ? flushEvent() : "";
    if (filtered == null && held.isEmpty() && !(leaked && block)) {
      return event;
    }
    ObjectNode json = tree(data);
    if (json == null) {
      return event;
    }
    ObjectNode choice = (ObjectNode) json.path("choices").path(0);
    if (filtered != null) {
      ((ObjectNode) choice.path("delta")).put("content", filtered);
    }
    markBlocked(choice);
    return held + "data: " + json + "\n\n";
  }

  /** What an event carries for choice 0: its content delta (null if none) and whether it finishes. */
  private record Scan(String content, boolean finished) {}

  /** Reads the two fields with the streaming parser: most events need no JSON tree at all. */
  private static Scan scan(String data) {
    String content = null;
    boolean finished = false;
    try (JsonParser p = JSON.getFactory().createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.FIELD_NAME) {
          continue;
        }
        String name = p.currentName();
        JsonStreamContext object = p.getParsingContext();
        JsonToken value = p.nextToken();
        if ("content".equals(name) && value == JsonToken.VALUE_STRING && isFirstChoiceDelta(object)) {
          content = p.getText();
        } else if ("finish_reason".equals(name) && value != JsonToken.VALUE_NULL && isFirstChoice(object)) {
          finished = true;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return new Scan(content, finished);
  }

  private static boolean isFirstChoice(JsonStreamContext object) {
    JsonStreamContext array = object.getParent();
    return array != null && array.inArray() && array.getCurrentIndex() == 0
        && "choices".equals(array.getParent().getCurrentName());
  }

  private static boolean isFirstChoiceDelta(JsonStreamContext object) {
    JsonStreamContext choice = object.getParent();
    return choice != null && "delta".equals(choice.getCurrentName()) && isFirstChoice(choice);
  }

  private static ObjectNode tree(String data) {
    try {
      return JSON.readTree(data) instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void markBlocked(JsonNode choice) {
    if (leaked && block && choice.hasNonNull("finish_reason")) {
      ((ObjectNode) choice).put("finish_reason", "content_filter");
    }
  }

  private String filter(String content) {
    return checked(redactor.push(content));
  }

  /** After the first leak a blocking guard sends the notice once, then nothing more of the answer. */
  private String checked(String emitted) {
    if (!leaked && scan.leaked()) {
      leaked = true;
      if (block) {
        return DataIncidentPolicy.BLOCKED_TEXT;
      }
    }
    return leaked && block ? "" : emitted;
  }

  private String flushEvent() {
    if (redactor.heldChars() == 0 || lastContentData == null) {
      return "";
    }
    String tail = checked(redactor.finish());
    ObjectNode event = tail.isEmpty() ? null : tree(lastContentData);
    if (event == null) {
      return "";
    }
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
