package gw.gateway.detect;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Metered;
import gw.gateway.config.ConfigSource;
import gw.gateway.incident.IncidentClass;
import gw.gateway.incident.Triage;
import gw.gateway.testing.FakeExchanges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each north-star metric from green to red and back, with the window's clock under test control. */
class HealthMetricsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Thresholds thresholds = Thresholds.load(ConfigSource.bundled());
  private final NorthStarWindow window = new NorthStarWindow(thresholds.windowSeconds(), now::get);

  private String colour(String metric) {
    Double v = window.snapshot().value(metric);
    return thresholds.metrics().get(metric).colour(v).wireName();
  }

  /** A JSON request that finishes now after {@code latencyMs}. */
  private NorthStarWindow.Outcome outcome(double latencyMs, boolean failed, boolean limited, int tools, int toolOk,
      double cost, Boolean passed) {
    return new NorthStarWindow.Outcome(now.get() - (long) latencyMs, latencyMs, null, failed ? null : latencyMs,
        failed, limited, tools, toolOk, cost, passed, 0);
  }

  private void healthy(int n) {
    for (int i = 0; i < n; i++) {
      window.record(outcome(800, false, false, 1, 1, 0.001, true));
    }
  }

  private void afterTheWindow() {
    now.addAndGet(thresholds.windowSeconds() * 1000 + 1000);
  }

  @Test
  void aHealthyWindowIsGreenOnEveryMetric() {
    healthy(100);
    for (String m : Thresholds.METRICS) {
      assertThat(colour(m)).as(m).isEqualTo("green");
    }
    assertThat(window.snapshot().p95LatencyMs()).isBetween(800.0, 800 * 1.09);
  }

  @Test
  void latencyGoesRedAndBack() {
    for (int i = 0; i < 100; i++) {
      window.record(outcome(i < 90 ? 900 : 12_000, false, false, 0, 0, 0.001, true));
    }
    assertThat(colour("p95_latency_ms")).isEqualTo("red");
    afterTheWindow();
    healthy(50);
    assertThat(colour("p95_latency_ms")).isEqualTo("green");
  }

  @Test
  void failureRateGoesYellowThenRedAndBack() {
    healthy(92);
    for (int i = 0; i < 8; i++) {
      window.record(outcome(800, true, false, 0, 0, 0, null));
    }
    assertThat(colour("failure_rate")).isEqualTo("yellow"); // 8%
    for (int i = 0; i < 20; i++) {
      window.record(outcome(800, true, false, 0, 0, 0, null));
    }
    assertThat(colour("failure_rate")).isEqualTo("red"); // 28 of 120
    afterTheWindow();
    healthy(30);
    assertThat(colour("failure_rate")).isEqualTo("green");
  }

  @Test
  void toolSuccessCostAndQualityGoRedAndBack() {
    for (int i = 0; i < 50; i++) {
      window.record(outcome(800, false, false, 2, 1, 0.08, false));
    }
    assertThat(colour("tool_success_rate")).isEqualTo("red");
    assertThat(colour("cost_per_request_usd")).isEqualTo("red");
    assertThat(colour("quality_proxy_rate")).isEqualTo("red");
    afterTheWindow();
    healthy(50);
    assertThat(colour("tool_success_rate")).isEqualTo("green");
    assertThat(colour("cost_per_request_usd")).isEqualTo("green");
    assertThat(colour("quality_proxy_rate")).isEqualTo("green");
  }

  @Test
  void tooFewRequestsAreNotJudged() {
    HealthMetrics health = new HealthMetrics(thresholds, now::get);
    assertThat(health.report().overall()).isEqualTo("unknown");
    assertThat(health.report().metrics()).allSatisfy(m -> assertThat(m.colour()).isNull());
  }

  @Test
  void aMinuteOfSpendFarAboveTheBaselineShowsAsACostSpikeAnomaly() {
    HealthMetrics health = new HealthMetrics(thresholds, now::get);
    gw.gateway.chain.Exchange ex = gw.gateway.testing.FakeExchanges.chat(gw.gateway.chain.Identity.ANONYMOUS,
        "{\"model\": \"gpt-4o-mini\", \"messages\": []}");
    for (int minute = 0; minute < 15; minute++) {
      for (int i = 0; i < 30; i++) {
        health.observe(ex, new gw.gateway.chain.Metered(false, 100, 50, 0.001), 800, null);
      }
      now.addAndGet(59_000); // the sampler fires within the minute the traffic came in
      health.sampleMinute();
    }
    assertThat(health.report().anomalies()).isEmpty();
    for (int i = 0; i < 30; i++) {
      health.observe(ex, new gw.gateway.chain.Metered(false, 100, 5_000, 0.03), 800, null);
    }
    now.addAndGet(59_000);
    health.sampleMinute();
    assertThat(health.report().anomalies()).extracting(AnomalyDetector.Anomaly::incidentClass).contains("COST_SPIKE");
  }

  /** A request of a simulated run: when it started and how long it took. */
  private record Run(long startMs, long latencyMs) {
    long endMs() {
      return startMs + latencyMs;
    }
  }

  /**
   * The field report: 100 s of steady traffic (6 requests a second, p95 about 2 s, one request in
   * fifty a 12 s straggler), then traffic stops. Judged by finish time, the last 30 s would hold the
   * final seconds of traffic plus the stragglers still running, and read red; judged by start time and
   * with a minimum of samples, nothing turns red and triage finds no performance incident.
   */
  @Test
  void stragglersFinishingAfterTrafficStopsAreNotALatencyIncident() {
    HealthMetrics health = new HealthMetrics(thresholds, now::get);
    long t0 = now.get();
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      runs.add(new Run(t0 + i * 1000L / 6, i % 50 == 49 ? 12_000 : 800 + 120 * (i % 10)));
    }
    runs.sort(Comparator.comparingLong(Run::endMs));
    long stop = t0 + 100_000;
    long window = thresholds.detectionWindowSeconds() * 1000;
    Triage triage = new Triage(0.5);
    boolean finishTimeViewRed = false;
    int next = 0;
    for (long tick = t0 + 1000; tick <= stop + 40_000; tick += 1000) {
      for (; next < runs.size() && runs.get(next).endMs() <= tick; next++) {
        Run r = runs.get(next);
        now.set(r.endMs());
        health.observe(new NorthStarWindow.Outcome(r.startMs(), r.latencyMs(), null, (double) r.latencyMs(), false,
            false, 0, 0, 0.001, true, 10));
      }
      now.set(tick);
      HealthMetrics.Report report = health.report(thresholds.detectionWindowSeconds());
      assertThat(report.metrics()).filteredOn(m -> Thresholds.isLatency(m.name()))
          .as("%d ms after the traffic stopped", tick - stop)
          .allSatisfy(m -> assertThat(m.colour()).isNotEqualTo("red"));
      assertThat(triage.classify(report, health.anomalies(), List.of()))
          .doesNotContainKey(IncidentClass.PERFORMANCE_DEGRADATION);
      finishTimeViewRed |= finishTimeP95(runs, tick, window) > thresholds.metrics().get("p95_latency_ms").red();
    }
    assertThat(finishTimeViewRed).as("the run reproduces the field report's red p95").isTrue();
    now.set(t0 + 50_000);
    assertThat(health.report(thresholds.detectionWindowSeconds()).metrics())
        .filteredOn(m -> m.name().equals("p95_json_wait_ms")).singleElement()
        .satisfies(m -> assertThat(m.colour()).as("judged while traffic ran").isEqualTo("green"));
  }

  /** The p95 of the runs that finished in the window ending at {@code at}, if at least min_requests did. */
  private double finishTimeP95(List<Run> runs, long at, long windowMs) {
    List<Long> finished = runs.stream().filter(r -> r.endMs() <= at && r.endMs() > at - windowMs)
        .map(Run::latencyMs).sorted().toList();
    if (finished.size() < thresholds.minRequests()) {
      return 0;
    }
    return finished.get((int) Math.ceil(0.95 * finished.size()) - 1);
  }

  @Test
  void aSustainedWaitUnderSteadyTrafficStillTurnsRedAndOpensAPerformanceFinding() {
    HealthMetrics health = new HealthMetrics(thresholds, now::get);
    for (int second = 0; second < 60; second++) {
      now.addAndGet(1000);
      for (int i = 0; i < 6; i++) {
        boolean slow = second >= 20;
        double latency = slow ? 12_000 : 900;
        health.observe(new NorthStarWindow.Outcome(now.get() - (long) latency, latency, slow ? 11_500.0 : 400.0, null,
            false, false, 0, 0, 0.001, true, 10));
      }
    }
    HealthMetrics.Report report = health.report(thresholds.detectionWindowSeconds());
    assertThat(report.metrics()).filteredOn(m -> m.name().equals("p95_ttft_ms")).singleElement()
        .satisfies(m -> assertThat(m.colour()).isEqualTo("red"));
    assertThat(new Triage(0.5).classify(report, List.of(), List.of()))
        .containsOnlyKeys(IncidentClass.PERFORMANCE_DEGRADATION);
  }

  @Test
  void aHandfulOfLatenciesIsNotJudged() {
    HealthMetrics health = new HealthMetrics(thresholds, now::get);
    healthyThroughHealth(health, thresholds.minRequests());
    for (int i = 0; i < thresholds.minSamples() - 1; i++) {
      health.observe(new NorthStarWindow.Outcome(now.get() - 12_000, 12_000, 12_000.0, null, false, false, 0, 0, 0,
          null, 0));
    }
    HealthMetrics.Report report = health.report();
    assertThat(report.metrics()).filteredOn(m -> m.name().equals("p95_ttft_ms")).singleElement()
        .satisfies(m -> {
          assertThat(m.value()).isGreaterThan(10_000);
          assertThat(m.colour()).as("fewer than min_samples streams").isNull();
        });
  }

  private void healthyThroughHealth(HealthMetrics health, int n) {
    for (int i = 0; i < n; i++) {
      health.observe(outcome(800, false, false, 0, 0, 0.001, true));
    }
  }

  @Test
  void onlyTheServicesFailuresCountInTheFailureRate() {
    HealthMetrics health = new HealthMetrics(thresholds, now::get);
    healthyThroughHealth(health, 40);
    Exchange noKey = chat();
    noKey.fail(GatewayFailure.unauthorized("no key"));
    Exchange invalid = chat();
    invalid.fail(GatewayFailure.invalidRequest("invalid_json", null, "bad"));
    Exchange tooLarge = chat();
    tooLarge.fail(GatewayFailure.tooLarge(1024));
    Exchange budget = chat();
    budget.fail(GatewayFailure.tooManyRequests("budget_exceeded", "over budget", 60));
    Exchange upstream400 = chat();
    upstream400.status(400);
    for (Exchange client : List.of(noKey, invalid, tooLarge, budget, upstream400)) {
      for (int i = 0; i < 10; i++) {
        health.observe(client, new Metered(true, 0, 0, 0), 5, null);
      }
    }
    HealthMetrics.Report report = health.report();
    assertThat(metric(report, "failure_rate").value()).isZero();
    assertThat(metric(report, "failure_rate").colour()).isEqualTo("green");
    assertThat(report.limitedShare()).as("the budget's refusals are still tracked").isEqualTo(1.0);

    Exchange timeout = chat();
    timeout.fail(GatewayFailure.upstream(504, "upstream_timeout", "timed out"));
    Exchange providerLimit = chat();
    providerLimit.status(429);
    Exchange provider500 = chat();
    provider500.status(500);
    for (Exchange service : List.of(timeout, providerLimit, provider500)) {
      for (int i = 0; i < 5; i++) {
        health.observe(service, new Metered(true, 0, 0, 0), 5, null);
      }
    }
    report = health.report();
    assertThat(metric(report, "failure_rate").value()).isCloseTo(15.0 / 105, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(report.limitedShare()).isCloseTo(10.0 / 25, org.assertj.core.data.Offset.offset(1e-9));
  }

  private static Exchange chat() {
    return FakeExchanges.chat(Identity.ANONYMOUS, "{\"model\": \"gpt-4o-mini\", \"messages\": []}");
  }

  private static HealthMetrics.Metric metric(HealthMetrics.Report report, String name) {
    return report.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }
}
