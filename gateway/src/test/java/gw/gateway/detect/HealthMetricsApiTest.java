package gw.gateway.detect;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /admin/health/metrics through the real gateway and mock: green traffic, then failures turn it red. */
class HealthMetricsApiTest {
  @TempDir Path dataDir;

  private static JsonNode metric(JsonNode report, String name) {
    for (JsonNode m : report.path("metrics")) {
      if (name.equals(m.path("name").asText())) {
        return m;
      }
    }
    throw new AssertionError("no metric " + name + " in " + report);
  }

  private static JsonNode report(GatewayHarness gw) {
    gw.flushTraces();
    return GatewayHarness.readTree(gw.admin("/admin/health/metrics", GatewayHarness.BETA_VIEWER_TOKEN).bodyAsString());
  }

  @Test
  void failuresTurnTheFailureRateRed() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults()
        .withConfig("forward.json", Map.of("/retry/max_attempts", 1)))) {
      for (int i = 0; i < 20; i++) {
        gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hello " + i));
      }
      JsonNode green = report(gw);
      assertThat(green.path("requests").asLong()).isEqualTo(20);
      assertThat(green.path("overall").asText()).as(green.toString()).isEqualTo("green");
      assertThat(metric(green, "failure_rate").path("value").asDouble()).isZero();
      assertThat(metric(green, "p95_latency_ms").path("colour").asText()).isEqualTo("green");

      for (int i = 0; i < 10; i++) {
        gw.post("/v1/chat/completions", chat("gpt-4o-mini", "broken " + i), "x-mock-chaos", "error_500");
      }
      JsonNode red = report(gw);
      assertThat(metric(red, "failure_rate").path("value").asDouble()).isCloseTo(10 / 30.0,
          org.assertj.core.data.Offset.offset(1e-9));
      assertThat(metric(red, "failure_rate").path("colour").asText()).isEqualTo("red");
      assertThat(red.path("overall").asText()).isEqualTo("red");
      assertThat(red.path("window_seconds").asLong()).isEqualTo(300);
    }
  }
}
