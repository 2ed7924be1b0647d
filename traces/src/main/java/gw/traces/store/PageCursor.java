package gw.traces.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Keyset position (ts_ms, trace_id) of the last row served, encoded so clients treat it as opaque. */
record PageCursor(long tsMs, String traceId) {
  private static final String VERSION = "v1";

  String encode() {
    String plain = VERSION + "|" + tsMs + "|" + traceId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static PageCursor decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", 3);
      if (parts.length == 3 && VERSION.equals(parts[0]) && !parts[2].isEmpty()) {
        return new PageCursor(Long.parseLong(parts[1]), parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the one message below; NumberFormatException is an IllegalArgumentException
    }
    throw new IllegalArgumentException("invalid cursor \"" + cursor
        + "\": pass the next_cursor of the previous page back unchanged, or omit it for the first page");
  }
}
