package gw.gateway.incident;

import java.util.Locale;

/**
 * One thing triage saw wrong in a tick: a north-star metric past a threshold, an anomaly against
 * the baseline, or a breaker's automatic trigger tripped.
 *
 * @param name  the metric (e.g. {@code failure_rate}) or the breaker's incident class
 * @param level {@code yellow} or {@code red} for a threshold, {@code anomaly}, or {@code tripped}
 * @param limit the threshold passed (thresholds), the baseline (anomalies), null for breakers
 */
public record Signal(Kind kind, String name, String level, Double value, Double limit, String detail) {
  public enum Kind {
    THRESHOLD, ANOMALY, BREAKER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    static Kind parse(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  /** Same kind and name: the same signal seen again, perhaps at another level. */
  public String key() {
    return kind.wireName() + ":" + name;
  }

  public boolean severe() {
    return "red".equals(level) || kind == Kind.BREAKER;
  }

  /** The seed's alert line, e.g. {@code failure_rate breached red — current value: 0.42}. */
  public String alertLine() {
    return switch (kind) {
      case THRESHOLD -> name + " breached " + level + " — current value: " + format(value);
      case ANOMALY -> name + " anomaly — current value: " + format(value) + " against a baseline of " + format(limit)
          + " (" + detail + ")";
      case BREAKER -> name + " breaker tripped — " + (detail == null ? "automatic trigger" : detail);
    };
  }

  static String format(Double v) {
    if (v == null) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.valueOf(v.longValue());
    }
    return Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
