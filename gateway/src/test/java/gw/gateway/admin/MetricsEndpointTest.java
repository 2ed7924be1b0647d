package gw.gateway.admin;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.MetricsText;
import gw.gateway.testing.GatewaySystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway's own overhead per request is a Prometheus histogram, and trace losses are counted. */
class MetricsEndpointTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  @Test
  void overheadHistogramCountsEveryRequestPerRoute() {
    double before = value(scrape(), "gw_gateway_overhead_seconds_count", "/v1/chat/completions");
    for (int i = 0; i < 5; i++) {
      gw.post("/v1/chat/completions", chat("gpt-4o-mini", "count me " + i));
    }
    gw.flushTraces();
    String metrics = scrape();
    assertThat(value(metrics, "gw_gateway_overhead_seconds_count", "/v1/chat/completions")).isEqualTo(before + 5);
    assertThat(value(metrics, "gw_gateway_overhead_seconds_sum", "/v1/chat/completions")).isPositive();
    assertThat(metrics).contains("gw_gateway_overhead_seconds_bucket{route=\"/v1/chat/completions\",le=\"0.001\"}");
    assertThat(metrics).containsPattern("gw_traces_stored_total \\d");
    assertThat(metrics).contains("gw_traces_dropped_total 0.0");
    assertThat(metrics).contains("gw_requests_in_flight 0.0");
  }

  @Test
  void requestsTokensCostAndErrorsAreLabelledByModelTierAndErrorType() {
    for (int i = 0; i < 3; i++) {
      gw.post("/v1/chat/completions", chat("gpt-4o-mini", "labelled " + i));
    }
    gw.post("/v1/chat/completions", chat("gpt-4o-mini", "broken"), "x-mock-chaos", "error_500");
    gw.post("/v1/chat/completions", chat("my-private-model", "unknown model"));
    gw.flushTraces();
    String metrics = scrape();
    assertThat(line(metrics, "gw_requests_total{error_type=\"none\",model=\"gpt-4o-mini\",prompt_version=\"none\","
        + "route=\"/v1/chat/completions\",tier=\"pro\"}")).isGreaterThanOrEqualTo(3);
    assertThat(line(metrics, "gw_requests_total{error_type=\"upstream_5xx\",model=\"gpt-4o-mini\","
        + "prompt_version=\"none\",route=\"/v1/chat/completions\",tier=\"pro\"}")).isEqualTo(1);
    assertThat(metrics).contains("model=\"other\"").doesNotContain("my-private-model");
    assertThat(line(metrics, "gw_tokens_total{direction=\"out\",model=\"gpt-4o-mini\"}")).isPositive();
    assertThat(line(metrics, "gw_cost_usd_total{model=\"gpt-4o-mini\",tier=\"pro\"}")).isPositive();
    assertThat(metrics).contains("gw_request_duration_seconds_bucket{model=\"gpt-4o-mini\",route=\"/v1/chat/completions\","
        + "tier=\"pro\",le=\"0.5\"}");
    assertThat(metrics).as("no ids in labels").doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-");
  }

  @Test
  void rpmTpmThrottlingAndTraceQueueSaturationAreExported() {
    String before = scrape();
    double rpm = line(before, "gw_requests_per_minute");
    double tpm = line(before, "gw_tokens_per_minute");
    double throttled = before.contains("gw_upstream_throttled_total{model=\"gpt-4o-mini\"}")
        ? line(before, "gw_upstream_throttled_total{model=\"gpt-4o-mini\"}") : 0;
    gw.post("/v1/chat/completions", chat("gpt-4o-mini", "per minute"));
    // Every attempt (forward.json: 3) is answered 429: each one counts, not only the final answer.
    gw.post("/v1/chat/completions", chat("gpt-4o-mini", "throttled"), "x-mock-chaos", "rate_limit=0");
    gw.flushTraces();
    String metrics = scrape();
    assertThat(line(metrics, "gw_upstream_throttled_total{model=\"gpt-4o-mini\"}")).isEqualTo(throttled + 3);
    assertThat(line(metrics, "gw_requests_per_minute")).isGreaterThanOrEqualTo(rpm + 2);
    assertThat(line(metrics, "gw_tokens_per_minute")).isGreaterThan(tpm);
    assertThat(line(metrics, "gw_traces_queue_capacity")).isEqualTo(1_000);
    assertThat(line(metrics, "gw_traces_queue_depth")).isZero();
  }

  private static double line(String metrics, String series) {
    return MetricsText.required(metrics, series);
  }

  private static String scrape() {
    return gw.metrics();
  }

  private static double value(String metrics, String name, String route) {
    return MetricsText.value(metrics, name + "{route=\"" + route + "\"}").orElse(0);
  }
}
