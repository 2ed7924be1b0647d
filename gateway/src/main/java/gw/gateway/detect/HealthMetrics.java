package gw.gateway.detect;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Live north-star health: every finished request feeds the window (from the trace pipeline, off the
 * request path); {@link #report()} colours each metric with its thresholds. Below
 * {@code min_requests} in the window a metric is reported without a colour (too few to judge).
 */
public final class HealthMetrics {
  private final Thresholds thresholds;
  private final NorthStarWindow window;

  public HealthMetrics(Thresholds thresholds, LongSupplier clockMs) {
    this.thresholds = thresholds;
    this.window = new NorthStarWindow(thresholds.windowSeconds(), clockMs);
  }

  /** Called once per measured exchange on the trace pipeline thread. */
  public void observe(Exchange ex, Metered m, double latencyMs) {
    int tools = 0;
    int toolSuccesses = 0;
    if (ex.context().tools() != null) {
      for (var t : ex.context().tools()) {
        tools++;
        toolSuccesses += t.path("success").asBoolean(true) ? 1 : 0;
      }
    }
    window.record(latencyMs, m.failed(), tools, toolSuccesses, m.costUsd(),
        m.quality() == null ? null : m.quality().passed());
  }

  public record Metric(String name, Double value, String colour, double target, double yellow, double red) {}

  public record Report(long windowSeconds, long requests, int minRequests, String overall, List<Metric> metrics) {}

  public Report report() {
    NorthStarWindow.Snapshot s = window.snapshot();
    boolean enough = s.requests() >= thresholds.minRequests();
    List<Metric> metrics = new ArrayList<>();
    Thresholds.Colour worst = Thresholds.Colour.GREEN;
    for (String name : Thresholds.METRICS) {
      Thresholds.Threshold t = thresholds.metrics().get(name);
      Double value = s.value(name);
      Thresholds.Colour colour = enough && value != null ? t.colour(value) : null;
      if (colour != null && colour.compareTo(worst) > 0) {
        worst = colour;
      }
      metrics.add(new Metric(name, value, colour == null ? null : colour.wireName(), t.target(), t.yellow(), t.red()));
    }
    return new Report(thresholds.windowSeconds(), s.requests(), thresholds.minRequests(),
        enough ? worst.wireName() : "unknown", metrics);
  }
}
