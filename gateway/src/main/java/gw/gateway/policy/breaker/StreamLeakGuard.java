package gw.gateway.policy.breaker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.openai.SseBytes;
import gw.traces.json.Json;
import gw.traces.redact.StreamRedactor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One streamed answer's DATA_INCIDENT filter: splits the SSE byte stream into events, runs each
 * event's {@code delta.content} through a {@link StreamRedactor} (which holds back at most a few
 * hundred characters so a secret split across chunks is still caught, and asks the answer's
 * {@link AnswerScan} which values to replace) and re-emits the event with the filtered text. Held
 * text goes out before the finishing event, {@code [DONE]}, or the end of the stream.
 *
 * <p>It works on the provider's bytes: an unchanged event goes out as it came (a piece made only of
 * unchanged events is passed on as the same buffer); a changed text is spliced into the event in
 * place of the old one, the rest of the event kept byte for byte. A JSON tree is built only for the
 * rare events the guard makes itself (the held tail, a blocked finish). Not thread-safe: it lives on
 * the stream's event loop.
 */
final class StreamLeakGuard {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final byte[] NONE = new byte[0];

  private final StreamRedactor redactor;
  private final boolean block;
  private final AnswerScan scan;
  /** The bytes of an event not yet complete, owned by this guard. */
  private Buffer pending;
  private Span lastContentData;
  private boolean leaked;

  private final int maxEventBytes;

  /**
   * {@code redactor} must ask {@code scan} which values to replace; an event longer than
   * {@code maxEventBytes} is refused rather than held without bound.
   */
  StreamLeakGuard(StreamRedactor redactor, boolean block, AnswerScan scan, int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
    this.redactor = redactor;
    this.block = block;
    this.scan = scan;
  }

  AnswerScan scan() {
    return scan;
  }

  Buffer onChunk(Buffer chunk) {
    Buffer input = pending == null ? chunk : pending.appendBuffer(chunk);
    byte[] bytes = input.getBytes();
    Buffer out = null; // made at the first changed event
    int start = 0;
    int end;
    while ((end = eventEnd(bytes, start)) >= 0) {
      byte[] rewritten = rewrite(new Span(bytes, start, end));
      if (rewritten != null && out == null) {
        out = Buffer.buffer(bytes.length + rewritten.length).appendBytes(bytes, 0, start);
      }
      if (rewritten != null) {
        out.appendBytes(rewritten);
      } else if (out != null) {
        out.appendBytes(bytes, start, end - start);
      }
      start = end;
    }
    if (bytes.length - start > maxEventBytes) {
      throw GatewayFailure.upstream(502, "upstream_event_too_large", "The provider sent a stream event longer than "
          + maxEventBytes + " bytes; the gateway stopped the stream");
    }
    pending = start < bytes.length ? Buffer.buffer(bytes.length - start).appendBytes(bytes, start, bytes.length - start)
        : null;
    if (out != null) {
      return out;
    }
    return input == chunk && start == bytes.length ? chunk : Buffer.buffer(start).appendBytes(bytes, 0, start);
  }

  /** Held text and any incomplete trailing bytes, for a stream that ended without [DONE]. */
  Buffer onEnd() {
    Buffer tail = Buffer.buffer(flushEvent());
    if (pending != null) {
      tail.appendBuffer(pending);
      pending = null;
    }
    return tail.length() == 0 ? null : tail;
  }

  /** The event's new bytes, or null when it goes out unchanged. */
  private byte[] rewrite(Span event) {
    Span data = dataOf(event);
    if (data == null) {
      return null;
    }
    if (data.is(SseBytes.DONE)) {
      byte[] held = flushEvent();
      return held.length == 0 ? null : concat(held, event.bytes());
    }
    Scan scan = scan(data);
    if (scan == null) {
      return null;
    }
    String filtered = null;
    if (scan.content() != null) {
      lastContentData = data;
      filtered = filter(scan.content());
      if (filtered.equals(scan.content()) && !(leaked && block && scan.finished())) {
        return null;
      }
    } else if (!scan.finished()) {
      return null;
    }
    byte[] held = filtered == null ? flushEvent() : NONE;
    if (leaked && block && scan.finished()) {
      return blockedFinish(data, filtered, held);
    }
    if (filtered == null) {
      return held.length == 0 ? null : concat(held, event.bytes());
    }
    return concat(held, splice(event, scan, filtered));
  }

  /** The event with its content string replaced by {@code text}; every other byte as the provider sent it. */
  private static byte[] splice(Span event, Scan scan, String text) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
    byte[] b = event.source();
    int before = scan.contentFrom() - event.from();
    int after = event.to() - scan.contentTo();
    byte[] out = new byte[before + escaped.length + after];
    System.arraycopy(b, event.from(), out, 0, before);
    System.arraycopy(escaped, 0, out, before, escaped.length);
    System.arraycopy(b, scan.contentTo(), out, before + escaped.length, after);
    return out;
  }

  /** A finishing event of a blocked answer: its finish reason becomes {@code content_filter}. */
  private byte[] blockedFinish(Span data, String filtered, byte[] held) {
    ObjectNode json = tree(data);
    if (json == null) {
      return null;
    }
    ObjectNode choice = (ObjectNode) json.path("choices").path(0);
    if (filtered != null) {
      ((ObjectNode) choice.path("delta")).put("content", filtered);
    }
    markBlocked(choice);
    return concat(held, event(json));
  }

  /**
   * What an event carries for choice 0: its content delta (null if none) with the position of that
   * string's characters between its quotes, and whether it finishes.
   */
  private record Scan(String content, int contentFrom, int contentTo, boolean finished) {}

  /** Reads the two fields with the streaming parser: most events need no JSON tree at all. */
  private static Scan scan(Span data) {
    String content = null;
    int contentFrom = -1;
    boolean finished = false;
    try (JsonParser p = JSON.getFactory().createParser(data.source(), data.from(), data.length())) {
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
          // The token starts at its opening quote; offsets count from the parser's first byte.
          contentFrom = data.from() + (int) p.currentTokenLocation().getByteOffset() + 1;
          content = p.getText();
        } else if ("finish_reason".equals(name) && value != JsonToken.VALUE_NULL && isFirstChoice(object)) {
          finished = true;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return new Scan(content, contentFrom, content == null ? -1 : SseBytes.stringEnd(data.source(), contentFrom), finished);
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

  private static ObjectNode tree(Span data) {
    try {
      return JSON.readTree(data.source(), data.from(), data.length()) instanceof ObjectNode o ? o : null;
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

  /** An event of its own carrying the held text, shaped like the last content event; empty when nothing is held. */
  private byte[] flushEvent() {
    if (redactor.heldChars() == 0 || lastContentData == null) {
      return NONE;
    }
    String tail = checked(redactor.finish());
    ObjectNode event = tail.isEmpty() ? null : tree(lastContentData);
    if (event == null) {
      return NONE;
    }
    ObjectNode choice = (ObjectNode) event.path("choices").path(0);
    choice.putNull("finish_reason");
    ((ObjectNode) choice.path("delta")).put("content", tail);
    return event(event);
  }

  private static byte[] event(ObjectNode json) {
    return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    if (first.length == 0) {
      return second;
    }
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** Where the event starting at {@code from} ends (after its blank line), or -1 while it is incomplete. */
  private static int eventEnd(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
        return i + 2;
      }
    }
    return -1;
  }

  /** The first {@code data:} line's value, without surrounding whitespace; null when the event has none. */
  private static Span dataOf(Span event) {
    byte[] b = event.source();
    int line = event.from();
    while (line < event.to()) {
      int lineEnd = line;
      while (lineEnd < event.to() && b[lineEnd] != '\n') {
        lineEnd++;
      }
      if (SseBytes.startsWith(b, line, lineEnd, SseBytes.DATA)) {
        int from = SseBytes.skipSpaces(b, line + SseBytes.DATA.length, lineEnd);
        return new Span(b, from, SseBytes.dropSpaces(b, from, lineEnd));
      }
      line = lineEnd + 1;
    }
    return null;
  }

  /** A range of a chunk's bytes; the array is never changed after the chunk is read. */
  private record Span(byte[] source, int from, int to) {
    int length() {
      return to - from;
    }

    byte[] bytes() {
      byte[] copy = new byte[length()];
      System.arraycopy(source, from, copy, 0, copy.length);
      return copy;
    }

    boolean is(byte[] value) {
      return length() == value.length && SseBytes.startsWith(source, from, to, value);
    }
  }
}
