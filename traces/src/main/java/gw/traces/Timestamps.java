package gw.traces;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses trace timestamps. Records carry {@code Instant.toString()} text
 * ({@code 2026-01-31T12:00:00.123456789Z}); that form is read directly, which is several times
 * cheaper than {@link Instant#parse} and happens twice per stored trace. Anything else falls back
 * to {@link Instant#parse}, so what is accepted is exactly what ISO-8601 instants allow.
 */
public final class Timestamps {
  private static final int[] POW10 =
      {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

  private Timestamps() {}

  /** The instant, or null when the text is not an ISO-8601 instant. */
  public static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    Instant fast = canonical(text);
    if (fast != null) {
      return fast;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z, or null when the text is in any other form. */
  private static Instant canonical(String t) {
    int n = t.length();
    if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
        || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int digits = n - 21;
      if (t.charAt(19) != '.' || digits < 1 || digits > 9) {
        return null;
      }
      int fraction = digits(t, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction * POW10[9 - digits];
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null; // e.g. month 13: let the strict parser have the last word
    }
  }

  private static int digits(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
