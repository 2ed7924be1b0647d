package gw.gateway.openai;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Takes out of a chat stream the usage-only event (empty {@code choices}, a {@code usage} object) that
 * the provider sends last because the gateway asked for it on behalf of a client that did not: the
 * client gets the stream it asked for, the trace the provider's exact count. Events end at a blank
 * line; the bytes of an unfinished event wait for the rest, everything before them goes on at once.
 * One per stream; not thread-safe (a stream's chunks arrive on one event loop).
 */
public final class UnaskedUsage {
  private static final byte[] USAGE = "\"usage\":{".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_CHOICES = "\"choices\":[]".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONE = new byte[0];

  private byte[] held = NONE;

  /** The chunk as the client should get it (possibly empty). */
  public Buffer filter(Buffer chunk) {
    byte[] b = held.length == 0 ? chunk.getBytes() : concat(held, chunk.getBytes());
    int complete = lastEventEnd(b);
    held = complete == b.length ? NONE : java.util.Arrays.copyOfRange(b, complete, b.length);
    if (indexOf(b, 0, complete, USAGE) < 0) {
      return complete == b.length && b.length == chunk.length() ? chunk : Buffer.buffer(java.util.Arrays.copyOf(b, complete));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(complete);
    int start = 0;
    while (start < complete) {
      int end = eventEnd(b, start, complete);
      if (!(indexOf(b, start, end, USAGE) >= 0 && indexOf(b, start, end, NO_CHOICES) >= 0)) {
        out.write(b, start, end - start);
      }
      start = end;
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** What was still held when the stream ended (an unfinished last event), or null. */
  public Buffer rest() {
    if (held.length == 0) {
      return null;
    }
    Buffer rest = Buffer.buffer(held);
    held = NONE;
    return rest;
  }

  /** Just past the blank line ending the last complete event in {@code b}, or 0. */
  private static int lastEventEnd(byte[] b) {
    for (int i = b.length - 1; i > 0; i--) {
      if (b[i] == '\n' && (b[i - 1] == '\n' || i > 1 && b[i - 1] == '\r' && b[i - 2] == '\n')) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Just past the blank line ending the event that starts at {@code from} (or {@code limit}). */
  private static int eventEnd(byte[] b, int from, int limit) {
    for (int i = from + 1; i < limit; i++) {
      if (b[i] == '\n' && (b[i - 1] == '\n' || i > from + 1 && b[i - 1] == '\r' && b[i - 2] == '\n')) {
        return i + 1;
      }
    }
    return limit;
  }

  private static int indexOf(byte[] b, int from, int to, byte[] pattern) {
    outer:
    for (int i = from; i <= to - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (b[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
