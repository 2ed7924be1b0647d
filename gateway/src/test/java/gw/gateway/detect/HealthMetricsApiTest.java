package gw.gateway.detect;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    return GatewayHarness.readTree(gw.admin("/admin/health/metrics", GatewayHarness.VIEWER_TOKEN).bodyAsString());
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

  /**
   * Anyone who can reach the port can send requests without a key: a burst of 401s and 400s leaves
   * failure_rate green and opens nothing. A cost spike afterwards is the positive control: the tick that
   * opens it has the burst in its window and still finds no performance incident.
   */
  @Test
  void clientErrorsLeaveTheFailureRateGreenAndOpenNoIncident() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults()
        .withConfig("thresholds.json", Map.of("/metrics/cost_per_request_usd/target", 0.0001,
            "/metrics/cost_per_request_usd/yellow", 0.0002, "/metrics/cost_per_request_usd/red", 0.0004))
        .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 60_000)))) {
      List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        burst.add(gw.http.post(gw.port(), "127.0.0.1", "/v1/chat/completions")
            .sendJsonObject(chat("gpt-4o-mini", "no key " + i)));
      }
      for (int i = 0; i < 10; i++) {
        burst.add(gw.postAsync("/v1/chat/completions", Buffer.buffer("{not json " + i)));
      }
      GatewayHarness.await(Future.all(burst));
      assertThat(burst).extracting(f -> f.result().statusCode()).containsOnly(401, 400);

      JsonNode report = report(gw);
      assertThat(report.path("requests").asLong()).isEqualTo(40);
      assertThat(metric(report, "failure_rate").path("value").asDouble()).isZero();
      assertThat(metric(report, "failure_rate").path("colour").asText()).isEqualTo("green");

      for (int i = 0; i < 12; i++) {
        gw.post("/v1/chat/completions", chat("gpt-4o-mini", "costly " + i), "x-mock-chaos", "token_blowup=100");
      }
      JsonNode opened = openIncidentsAfterATick(gw);
      assertThat(opened).extracting(inc -> inc.path("class").asText()).containsOnly("COST_SPIKE");
      assertThat(metric(report(gw), "failure_rate").path("colour").asText()).isEqualTo("green");
    }
  }

  /** The open incidents after one tick that judged everything sent so far; there must be one. */
  private static JsonNode openIncidentsAfterATick(GatewayHarness gw) {
    gw.evaluateIncidents();
    JsonNode open = GatewayHarness.readTree(gw.admin("/admin/incidents?status=open", GatewayHarness.ADMIN_TOKEN)
        .bodyAsString()).path("data");
    if (open.isEmpty()) {
      throw new AssertionError("the cost spike opened no incident");
    }
    return open;
  }
}
