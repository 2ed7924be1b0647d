package gw.gateway.state;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants are kept to the millisecond, as fixed-width UTC text (sorts like the millis) and epoch millis. */
final class StoredTime {
  private static final DateTimeFormatter TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private StoredTime() {}

  static Instant truncate(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  static String text(Instant at) {
    return TEXT.format(at);
  }
}
