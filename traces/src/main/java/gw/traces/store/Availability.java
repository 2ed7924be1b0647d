package gw.traces.store;

import java.time.Instant;

/**
 * Whether a store's database answers, for health reports: {@code up} since {@code since}, or down
 * since then with {@code lastError} (never holding a password). The embedded SQLite stores are
 * always up; a full disk is counted as failed writes, not as an outage.
 */
public record Availability(boolean up, Instant since, String lastError) {
  /** An embedded store's: up, and never otherwise ({@code since} null). */
  public static final Availability EMBEDDED = new Availability(true, null, null);

  public static Availability upSince(Instant since) {
    return new Availability(true, since, null);
  }
}
