package gw.traces;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace ids are version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids
 * made later sort later, so the store's primary key grows at its end instead of touching a random
 * B-tree page per insert (measured: 8.4k to 11.6k rows/s at 200k rows, {@code bench/store}).
 */
public final class TraceIds {
  private TraceIds() {}

  /** A new id for a trace that starts now. */
  public static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return of(System.currentTimeMillis(), r.nextLong(), r.nextLong());
  }

  /**
   * The id for a trace started at {@code epochMillis} with the given random bits (the bench makes
   * reproducible ids this way). No SecureRandom: it would serialise every request on one lock, and
   * trace ids are identifiers, not secrets.
   */
  public static String of(long epochMillis, long randomHigh, long randomLow) {
    long msb = (epochMillis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
    long lsb = (randomLow & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** A random 64-bit span id as 16 lower-case hex digits, never all zeros (W3C and OTLP reject that). */
  public static String nextSpanId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    String hex = Long.toHexString(id);
    return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
  }
}
