package gw.gateway.testing;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one series out of a Prometheus text exposition (the admin port's {@code /metrics}). */
public final class MetricsText {
  private MetricsText() {}

  /** The value of {@code series} written exactly as exposed, e.g. {@code gw_edge_rejected_total{reason="in_flight"}}. */
  public static OptionalDouble value(String metrics, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
    return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
  }

  /** Like {@link #value}, failing with the whole exposition when the series is not there. */
  public static double required(String metrics, String series) {
    return value(metrics, series).orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + metrics));
  }
}
