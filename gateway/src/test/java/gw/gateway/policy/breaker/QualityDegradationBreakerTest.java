package gw.gateway.policy.breaker;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.MutableClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QUALITY_DEGRADATION: off-brand answers (mock chaos) trip it; open, chat rolls back to the known-good model. */
class QualityDegradationBreakerTest {
  @TempDir Path dataDir;

  private static JsonNode view(GatewayHarness gw) {
    return GatewayHarness.readTree(
        gw.admin("/admin/breakers/QUALITY_DEGRADATION", GatewayHarness.ADMIN_TOKEN).bodyAsString());
  }

  @Test
  void failingAnswersTripItRequestsRollBackToTheKnownGoodModelAndAPassingProbeClosesIt() {
    MutableClock clock = new MutableClock(Instant.now());
    try (GatewayHarness gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults().withClock(clock)
        .withConfig("breakers.json", Map.of(
            "/QUALITY_DEGRADATION/min_requests", 3,
            "/QUALITY_DEGRADATION/trip_ratio", 0.5,
            "/QUALITY_DEGRADATION/open_seconds", 30,
            "/QUALITY_DEGRADATION/known_good_model", "gpt-4o-mini")))) {
      assertThat(gw.post("/v1/chat/completions", chat("gpt-4o", "Where is my parcel?")).statusCode()).isEqualTo(200);
      gw.flushTraces();
      assertThat(view(gw).path("state").asText()).as("a good answer does not trip it").isEqualTo("closed");
      for (int i = 0; i < 3; i++) {
        gw.post("/v1/chat/completions", chat("gpt-4o", "Where is my parcel? " + i), "x-mock-chaos", "off_brand");
      }
      gw.flushTraces();
      JsonNode v = view(gw);
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("trip_reason").asText()).contains("brand_tone");

      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o", "And my refund?"));
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("quality_degradation/rollback_model");
      var received = gw.mockReceived();
      assertThat(received.getJsonObject(received.size() - 1).getJsonObject("body").getString("model"))
          .isEqualTo("gpt-4o-mini");
      assertThat(gw.trace(r.getHeader("x-gateway-trace-id")).path("actions").toString())
          .contains("quality_degradation/rollback_model");
      JsonNode offBrand = GatewayHarness.readTree(gw.admin("/admin/traces?limit=5", GatewayHarness.ADMIN_TOKEN)
          .bodyAsString()).path("data").get(1).path("quality");
      assertThat(offBrand.path("passed").asBoolean(true)).as("the failed check is in the trace").isFalse();
      assertThat(offBrand.path("failed_checks").toString()).contains("brand_tone");

      clock.advance(Duration.ofSeconds(30));
      HttpResponse<Buffer> probe = gw.post("/v1/chat/completions", chat("gpt-4o", "Probe question"));
      assertThat(probe.getHeader("x-gateway-action")).as("a probe on the original model").isNull();
      gw.flushTraces();
      assertThat(view(gw).path("state").asText()).isEqualTo("closed");
    }
  }
}
