package gw.gateway.detect;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
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
  private final NorthStarWindow lastMinute;
  private final AnomalyDetector anomalies = new AnomalyDetector();

  public HealthMetrics(Thresholds thresholds, LongSupplier clockMs) {
    this.thresholds = thresholds;
    this.window = new NorthStarWindow(thresholds.windowSeconds(), clockMs);
    this.lastMinute = new NorthStarWindow(60, clockMs);
  }

  /** Called once a minute: the last minute's latency, cost and spend go to the anomaly baselines. */
  public List<AnomalyDetector.Anomaly> sampleMinute() {
    NorthStarWindow.Snapshot s = lastMinute.snapshot();
    Map<String, Double> values = new HashMap<>();
    values.put("p95_latency_ms", s.p95LatencyMs());
    values.put("cost_per_request_usd", s.costPerRequestUsd());
    values.put("spend_usd_per_minute", s.costPerRequestUsd() == null ? null : s.costPerRequestUsd() * s.requests());
    return anomalies.sample(values);
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
    Boolean passed = m.quality() == null ? null : m.quality().passed();
    window.record(latencyMs, m.failed(), tools, toolSuccesses, m.costUsd(), passed);
    lastMinute.record(latencyMs, m.failed(), tools, toolSuccesses, m.costUsd(), passed);
  }

  public record Metric(String name, Double value, String colour, double target, double yellow, double red) {}

  public record Report(long windowSeconds, long requests, int minRequests, String overall, List<Metric> metrics,
      List<AnomalyDetector.Anomaly> anomalies) {}

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
        enough ? worst.wireName() : "unknown", metrics, anomalies.current());
  }
}
