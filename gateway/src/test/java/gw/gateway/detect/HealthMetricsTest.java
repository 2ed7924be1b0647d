package gw.gateway.detect;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.ConfigSource;
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

  private void healthy(int n) {
    for (int i = 0; i < n; i++) {
      window.record(new NorthStarWindow.Outcome(800, false, false, 1, 1, 0.001, true, 0));
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
      window.record(new NorthStarWindow.Outcome(i < 90 ? 900 : 12_000, false, false, 0, 0, 0.001, true, 0));
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
      window.record(new NorthStarWindow.Outcome(800, true, false, 0, 0, 0, null, 0));
    }
    assertThat(colour("failure_rate")).isEqualTo("yellow"); // 8%
    for (int i = 0; i < 20; i++) {
      window.record(new NorthStarWindow.Outcome(800, true, false, 0, 0, 0, null, 0));
    }
    assertThat(colour("failure_rate")).isEqualTo("red"); // 28 of 120
    afterTheWindow();
    healthy(30);
    assertThat(colour("failure_rate")).isEqualTo("green");
  }

  @Test
  void toolSuccessCostAndQualityGoRedAndBack() {
    for (int i = 0; i < 50; i++) {
      window.record(new NorthStarWindow.Outcome(800, false, false, 2, 1, 0.08, false, 0));
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
        health.observe(ex, new gw.gateway.chain.Metered(false, 100, 50, 0.001), 800);
      }
      now.addAndGet(59_000); // the sampler fires within the minute the traffic came in
      health.sampleMinute();
    }
    assertThat(health.report().anomalies()).isEmpty();
    for (int i = 0; i < 30; i++) {
      health.observe(ex, new gw.gateway.chain.Metered(false, 100, 5_000, 0.03), 800);
    }
    now.addAndGet(59_000);
    health.sampleMinute();
    assertThat(health.report().anomalies()).extracting(AnomalyDetector.Anomaly::incidentClass).contains("COST_SPIKE");
  }
}
