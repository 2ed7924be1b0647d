package gw.gateway.policy.breaker;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.MutableClock;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COST_SPIKE: the mock's token_blowup trips it; open, it downgrades, caps and sheds; a cheap probe closes it. */
class CostSpikeBreakerTest {
  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.now());

  private GatewayHarness start(Path dir) {
    return GatewayHarness.start(dir, GatewayHarness.Options.defaults().withClock(clock)
        .withConfig("breakers.json", Map.of(
            "/COST_SPIKE/max_tokens_per_request", 500,
            "/COST_SPIKE/min_requests", 3,
            "/COST_SPIKE/trip_ratio", 0.5,
            "/COST_SPIKE/open_seconds", 30,
            "/COST_SPIKE/cap_max_tokens", 64)));
  }

  private static JsonNode view(GatewayHarness gw) {
    return GatewayHarness.readTree(gw.admin("/admin/breakers/COST_SPIKE", GatewayHarness.ADMIN_TOKEN).bodyAsString());
  }

  @Test
  void tokenBlowupTripsItThenRequestsAreDowngradedCappedOrShedUntilACheapProbe() {
    try (GatewayHarness gw = start(dataDir)) {
      for (int i = 0; i < 3; i++) {
        assertThat(gw.post("/v1/chat/completions", chat("gpt-4o", "Tell me about refunds " + i),
            "x-mock-chaos", "token_blowup").statusCode()).isEqualTo(200);
      }
      gw.flushTraces(); // the window is fed with each request's measured tokens
      JsonNode v = view(gw);
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("trip_reason").asText()).contains("tokens per request above 500");

      HttpResponse<Buffer> r = gw.post("/v1/chat/completions",
          chat("gpt-4o", "And shipping?").put("max_tokens", 1000));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("cost_spike/downgrade_model, cost_spike/cap_max_tokens");
      var received = gw.mockReceived();
      JsonObject forwarded = received.getJsonObject(received.size() - 1).getJsonObject("body");
      assertThat(forwarded.getString("model")).isEqualTo("gpt-4o-mini");
      assertThat(forwarded.getInteger("max_tokens")).isEqualTo(64);
      JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
      assertThat(trace.path("actions").toString()).contains("cost_spike/downgrade_model");
      assertThat(trace.path("model_requested").asText()).isEqualTo("gpt-4o");

      HttpResponse<Buffer> shed = gw.send(HttpMethod.POST, "/v1/chat/completions", MultiMap.caseInsensitiveMultiMap()
          .add("Authorization", "Bearer " + GatewayHarness.BETA_KEY).add("Content-Type", "application/json"),
          chat("gpt-4o-mini", "free tier").toBuffer());
      assertThat(shed.statusCode()).isEqualTo(503);
      assertThat(shed.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("cost_spike_shed");
      assertThat(shed.getHeader("Retry-After")).isNotNull();
      assertThat(shed.getHeader("x-gateway-action")).isEqualTo("cost_spike/shed");

      clock.advance(Duration.ofSeconds(30));
      HttpResponse<Buffer> probe = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "short question"));
      assertThat(probe.getHeader("x-gateway-action")).as("a cheap probe goes through unmitigated").isNull();
      gw.flushTraces();
      assertThat(view(gw).path("state").asText()).isEqualTo("closed");
    }
  }
}
