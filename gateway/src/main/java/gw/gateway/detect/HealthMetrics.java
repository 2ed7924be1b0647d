package gw.gateway.detect;

import gw.gateway.chain.ErrorType;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Live north-star health: every finished request feeds the window (from the metering stage, off the
 * request path); {@link #report()} colours each metric with its thresholds. Below
 * {@code min_requests} in the window (for a latency percentile: {@code min_samples} latencies) a
 * metric is reported without a colour (too few to judge). Only failures of the service count in
 * {@code failure_rate} ({@link ErrorType.Side}). Tenants that a tenant-scoped admin token reads get a
 * window of their own (only those: a window costs a fixed amount of memory), so such a token is
 * answered from its tenant's traffic alone.
 */
public final class HealthMetrics {
  private final Thresholds thresholds;
  private final NorthStarWindow window;
  private final Map<String, NorthStarWindow> byTenant;
  private final AnomalyDetector anomalies = new AnomalyDetector();
  private final LongSupplier clockMs;

  public HealthMetrics(Thresholds thresholds, LongSupplier clockMs) {
    this(thresholds, clockMs, Set.of());
  }

  /** @param scopedTenants the tenants reported on their own (those of tenant-scoped admin tokens) */
  public HealthMetrics(Thresholds thresholds, LongSupplier clockMs, Set<String> scopedTenants) {
    this.thresholds = thresholds;
    this.clockMs = clockMs;
    this.window = newWindow();
    Map<String, NorthStarWindow> windows = new HashMap<>();
    scopedTenants.forEach(t -> windows.put(t, newWindow()));
    this.byTenant = Map.copyOf(windows); // fixed: read by the metering thread and the admin API alike
  }

  private NorthStarWindow newWindow() {
    return new NorthStarWindow(Math.max(60, thresholds.windowSeconds()), clockMs);
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  /** Called once a minute: the last minute's latency, cost and spend go to the anomaly baselines. */
  public List<AnomalyDetector.Anomaly> sampleMinute() {
    NorthStarWindow.Snapshot s = lastMinute();
    Map<String, Double> values = new HashMap<>();
    for (String wait : Thresholds.WAITS) {
      values.put(wait, s.basis(wait) >= thresholds.minSamples() ? s.value(wait) : null);
    }
    values.put("cost_per_request_usd", s.costPerRequestUsd());
    values.put("spend_usd_per_minute", s.costPerRequestUsd() == null ? null : s.costPerRequestUsd() * s.requests());
    return anomalies.sample(values);
  }

  /**
   * Called once per measured exchange on the metering thread, soon after it finished:
   * {@code ttftMs} is the time to the first streamed event (null for a JSON answer).
   */
  public void observe(Exchange ex, Metered m, double latencyMs, Double ttftMs) {
    int tools = ex.context().tools().size();
    int toolSuccesses = 0;
    for (var t : ex.context().tools()) {
      toolSuccesses += t.succeeded() ? 1 : 0;
    }
    Boolean passed = m.quality() == null ? null : m.quality().passed();
    ErrorType.Side side = ErrorType.of(ex, m.failed()).side();
    Double jsonWait = ex.stream() || m.failed() ? null : jsonWaitMs(latencyMs, m.completionTokens());
    long startedAt = clockMs.getAsLong() - Math.round(latencyMs);
    NorthStarWindow.Outcome outcome = new NorthStarWindow.Outcome(startedAt, latencyMs, ex.stream() ? ttftMs : null,
        jsonWait, side == ErrorType.Side.SERVICE, side == ErrorType.Side.LIMIT, tools, toolSuccesses, m.costUsd(),
        passed, m.totalTokens());
    observe(outcome);
    NorthStarWindow tenant = ex.identity() == null ? null : byTenant.get(ex.identity().tenant());
    if (tenant != null) {
      tenant.record(outcome);
    }
  }

  /** What a JSON answer's caller waited beyond the time its own tokens take at the slowest healthy speed. */
  public double jsonWaitMs(double totalMs, long outputTokens) {
    return thresholds.waitBeyondLength(totalMs, outputTokens);
  }

  /** For tests and tools that have the values rather than an exchange. */
  public void observe(NorthStarWindow.Outcome outcome) {
    window.record(outcome);
  }

  public record Metric(String name, Double value, String colour, double target, double yellow, double red) {}

  /**
   * {@code detectionWindowSeconds}: the window incidents are triaged over ({@code ?window_seconds=} shows it);
   * {@code limitedShare}: of the service's failures and the gateway's own refusals in the window, the share
   * refused by the gateway's own limits (those are not in {@code failure_rate}).
   */
  public record Report(long windowSeconds, long detectionWindowSeconds, long requests, int minRequests, String overall,
      List<Metric> metrics, Double limitedShare, List<AnomalyDetector.Anomaly> anomalies) {}

  public List<AnomalyDetector.Anomaly> anomalies() {
    return anomalies.current();
  }

  public NorthStarWindow.Totals totals() {
    return window.totals();
  }

  /** Requests and tokens over the last minute: the RPM and TPM gauges. */
  public NorthStarWindow.Snapshot lastMinute() {
    return window.snapshot(60);
  }

  /** The metrics over the configured window (the dashboard's view). */
  public Report report() {
    return report(thresholds.windowSeconds());
  }

  /** The metrics over the last {@code seconds} (at most the configured window). */
  public Report report(long seconds) {
    return report(window, seconds, anomalies.current());
  }

  /**
   * One tenant's metrics (null: every tenant's), for a tenant-scoped token; anomalies are judged on
   * the whole gateway's baselines, so a tenant's report has none. A tenant without a window of its
   * own reports no traffic.
   */
  public Report report(long seconds, String tenant) {
    return tenant == null ? report(seconds)
        : report(byTenant.containsKey(tenant) ? byTenant.get(tenant) : newWindow(), seconds, List.of());
  }

  private Report report(NorthStarWindow window, long seconds, List<AnomalyDetector.Anomaly> anomalies) {
    long span = Math.min(seconds, thresholds.windowSeconds());
    NorthStarWindow.Snapshot s = window.snapshot(span);
    boolean enough = s.requests() >= thresholds.minRequests();
    List<Metric> metrics = new ArrayList<>();
    Thresholds.Colour worst = Thresholds.Colour.GREEN;
    for (String name : Thresholds.REPORTED) {
      Thresholds.Threshold t = thresholds.metrics().get(name);
      Double value = s.value(name);
      // A rate is judged on its own denominator: two tool calls in the window say nothing; nor do a
      // handful of latencies.
      boolean basis = s.basis(name) >= (Thresholds.isLatency(name) ? thresholds.minSamples() : thresholds.minRequests());
      Thresholds.Colour colour = enough && basis && value != null ? t.colour(value) : null;
      if (colour != null && colour.compareTo(worst) > 0) {
        worst = colour;
      }
      metrics.add(new Metric(name, value, colour == null ? null : colour.wireName(), t.target(), t.yellow(), t.red()));
    }
    return new Report(span, thresholds.detectionWindowSeconds(), s.requests(), thresholds.minRequests(),
        enough ? worst.wireName() : "unknown", metrics, s.limitedShare(), anomalies);
  }
}
