package gw.gateway.openai;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level reading of an SSE chat stream, shared by the relay's leak guard, the pace counter and
 * the trace's reassembly, so none of them decodes the provider's bytes to strings to find a field.
 */
public final class SseBytes {
  /** The start of an event's data line. */
  public static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
  /** The data of the stream's last event. */
  public static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private SseBytes() {}

  /** True when {@code b[from, to)} starts with {@code prefix}. */
  public static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
    return to - from >= prefix.length && Arrays.equals(b, from, from + prefix.length, prefix, 0, prefix.length);
  }

  /** The first index of {@code b[from, to)} that is not whitespace (or {@code to}). */
  public static int skipSpaces(byte[] b, int from, int to) {
    while (from < to && (b[from] & 0xff) <= ' ') {
      from++;
    }
    return from;
  }

  /** The end of {@code b[from, to)} without its trailing whitespace. */
  public static int dropSpaces(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] & 0xff) <= ' ') {
      to--;
    }
    return to;
  }

  /**
   * The index of the closing quote of a JSON string whose text starts at {@code from} (escapes
   * skipped), or the end of the bytes when the string is cut short.
   */
  public static int stringEnd(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\\') {
        i++;
      } else if (bytes[i] == '"') {
        return i;
      }
    }
    return bytes.length;
  }
}
