package gw.gateway.policy.breaker;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PERFORMANCE_DEGRADATION: the breaker on the upstream call, driven by the mock's chaos. */
class PerformanceBreakerTest {
  private static final Duration OPEN = Duration.ofSeconds(30);
  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.now());

  private GatewayHarness start(Path dir, Object fallbackModel) {
    java.util.Map<String, Object> edits = new java.util.HashMap<>(Map.of(
        "/PERFORMANCE_DEGRADATION/max_failures", 3,
        "/PERFORMANCE_DEGRADATION/open_seconds", OPEN.toSeconds()));
    edits.put("/PERFORMANCE_DEGRADATION/fallback_model", fallbackModel);
    // One try per request, so each client request is one failure the breaker counts.
    return GatewayHarness.start(dir, GatewayHarness.Options.defaults().withClock(clock)
        .withConfig("breakers.json", edits)
        .withConfig("forward.json", Map.of("/retry/max_attempts", 1, "/fallback_models", Map.of())));
  }

  private static void failingUpstream(GatewayHarness gw, boolean failing) {
    gw.setChaos(new JsonObject().put("modes", failing
        ? new JsonObject().put("error_500", new JsonObject().put("rate", 1.0)) : new JsonObject()));
  }

  @Test
  void opensAfterRepeatedFailuresFailsFastThenAProbeClosesIt() {
    try (GatewayHarness gw = start(dataDir, null)) {
      failingUpstream(gw, true);
      for (int i = 0; i < 3; i++) {
        HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi " + i));
        assertThat(r.statusCode()).as("the provider's own 500 still reaches the client").isEqualTo(500);
      }
      int calls = gw.mockReceived().size();

      HttpResponse<Buffer> fast = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "while open"));
      assertThat(fast.statusCode()).isEqualTo(503);
      assertThat(fast.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("breaker_open");
      assertThat(fast.getHeader("Retry-After")).as("open_seconds").isEqualTo(String.valueOf(OPEN.toSeconds()));
      assertThat(fast.getHeader("x-gateway-action")).isEqualTo("performance_degradation/fail_fast");
      assertThat(gw.mockReceived()).as("no upstream call while open").hasSize(calls);
      JsonNode trace = gw.trace(fast.getHeader("x-gateway-trace-id"));
      assertThat(trace.path("actions").toString()).contains("performance_degradation/fail_fast");
      assertThat(view(gw).path("state").asText()).isEqualTo("open");

      failingUpstream(gw, false);
      clock.advance(OPEN.minusMillis(1));
      assertThat(gw.post("/v1/chat/completions", chat("gpt-4o-mini", "still open")).statusCode())
          .as("open until open_seconds have passed on the gateway's clock").isEqualTo(503);
      clock.advance(Duration.ofMillis(1));
      assertThat(view(gw).path("state").asText()).isEqualTo("half_open");
      HttpResponse<Buffer> probe = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "probe"));
      assertThat(probe.statusCode()).isEqualTo(200);
      assertThat(probe.getHeader("x-gateway-action")).isNull();
      assertThat(view(gw).path("state").asText()).isEqualTo("closed");
      assertThat(view(gw).path("trips").asLong()).isEqualTo(1);
    }
  }

  @Test
  void withAFallbackModelTheOpenBreakerSwitchesModels() {
    try (GatewayHarness gw = start(dataDir, "gpt-4o-mini")) {
      gw.adminPost("/admin/breakers/PERFORMANCE_DEGRADATION",
          new JsonObject().put("mode", "forced_open").put("reason", "provider incident on gpt-4o"),
          GatewayHarness.OPERATOR_TOKEN);
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o", "hello"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("performance_degradation/fallback_model");
      var received = gw.mockReceived();
      assertThat(received.getJsonObject(received.size() - 1).getJsonObject("body").getString("model"))
          .isEqualTo("gpt-4o-mini");
      JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
      assertThat(trace.path("model_requested").asText()).isEqualTo("gpt-4o");
      assertThat(trace.path("model_served").asText()).startsWith("gpt-4o-mini");
    }
  }

  @Test
  void slowCallsOpenTheBreakerBeforeTheyAnswerAndLaterRequestsGoToTheFallbackModel() {
    GatewayHarness.Options options = GatewayHarness.Options.defaults()
        .withConfig("breakers.json", Map.of(
            "/PERFORMANCE_DEGRADATION/slow_call_ms", 300,
            "/PERFORMANCE_DEGRADATION/max_stall_ms", 600,
            "/PERFORMANCE_DEGRADATION/max_failures", 3,
            "/PERFORMANCE_DEGRADATION/open_seconds", 60,
            "/PERFORMANCE_DEGRADATION/fallback_model", "gpt-4o-mini"))
        .withConfig("forward.json", Map.of("/retry/max_attempts", 1, "/fallback_models", Map.of()));
    try (GatewayHarness gw = GatewayHarness.start(dataDir, options)) {
      gw.setChaos(new JsonObject().put("modes", new JsonObject().put("latency", new JsonObject().put("ms", 1500))));
      List<Instant> answeredAt = new CopyOnWriteArrayList<>();
      List<Future<HttpResponse<Buffer>>> slow = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        slow.add(gw.postAsync("/v1/chat/completions", chat("gpt-4o", "slow " + i))
            .onSuccess(r -> answeredAt.add(Instant.now())));
      }
      GatewayHarness.await(Future.all(slow));
      for (Future<HttpResponse<Buffer>> r : slow) {
        assertThat(r.result().statusCode()).as("a slow answer still reaches its client").isEqualTo(200);
        assertThat(r.result().getHeader("x-gateway-action")).isNull();
      }

      JsonNode v = view(gw);
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("trips").asLong()).isEqualTo(1);
      assertThat(v.path("trip_reason").asText())
          .startsWith("3 upstream failures (3 slow calls) within 30 s; last: no answer after 600 ms");
      assertThat(Instant.parse(v.path("last_trip_at").asText()))
          .as("tripped at max_stall_ms after the calls started, not when they finished")
          .isBefore(answeredAt.stream().min(Instant::compareTo).orElseThrow());

      gw.setChaos(new JsonObject().put("modes", new JsonObject()));
      HttpResponse<Buffer> redirected = gw.post("/v1/chat/completions", chat("gpt-4o", "while open"));
      assertThat(redirected.statusCode()).isEqualTo(200);
      assertThat(redirected.getHeader("x-gateway-action")).isEqualTo("performance_degradation/fallback_model");
      var received = gw.mockReceived();
      assertThat(received.getJsonObject(received.size() - 1).getJsonObject("body").getString("model"))
          .isEqualTo("gpt-4o-mini");
    }
  }

  /**
   * The mock at a tenth of real time (gpt-4o: 25 ms to the first token, 600 tokens/s), judged at the
   * same scale: slow_call_ms 100, at least 200 tokens/s. One slow call would open the breaker.
   */
  private static GatewayHarness compressed(Path dir) {
    return GatewayHarness.start(dir, GatewayHarness.Options.defaults().withMockTimeScale(0.1)
        .withConfig("breakers.json", Map.of(
            "/PERFORMANCE_DEGRADATION/slow_call_ms", 100,
            "/PERFORMANCE_DEGRADATION/min_tokens_per_second", 200,
            "/PERFORMANCE_DEGRADATION/max_failures", 1))
        .withConfig("forward.json", Map.of("/retry/max_attempts", 1, "/fallback_models", Map.of())));
  }

  @Test
  void longHealthyAnswersJsonOrStreamedNeverCountAsFailures() {
    try (GatewayHarness gw = compressed(dataDir)) {
      for (boolean stream : new boolean[] {false, true}) {
        for (int i = 0; i < 3; i++) {
          JsonObject body = chat("gpt-4o", "How long does shipping take? " + i).put("stream", stream);
          long started = System.nanoTime();
          HttpResponse<Buffer> r = gw.post("/v1/chat/completions", body, "x-mock-chaos", "token_blowup=8");
          long tookMs = (System.nanoTime() - started) / 1_000_000;
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.getHeader("x-gateway-action")).isNull();
          assertThat(tookMs).as("long enough that total time alone would call it slow").isGreaterThan(100);
        }
      }
      JsonNode v = view(gw);
      assertThat(v.path("state").asText()).as(v.toString()).isEqualTo("closed");
      assertThat(v.path("trips").asLong()).isZero();
    }
  }

  @Test
  void aStallingProviderStillCountsWithinTheBoundForStreamsAndJson() {
    try (GatewayHarness gw = compressed(dataDir)) {
      List<Instant> answeredAt = new CopyOnWriteArrayList<>();
      // The stream stalls before its first token; the JSON call asks at most 20 tokens: 100 + 20 × 5 ms.
      Future<HttpResponse<Buffer>> stream = gw.postAsync("/v1/chat/completions",
          chat("gpt-4o", "stalled stream").put("stream", true), "x-mock-chaos", "latency=2000")
          .onSuccess(r -> answeredAt.add(Instant.now()));
      GatewayHarness.await(stream);
      JsonNode v = view(gw);
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("trip_reason").asText()).endsWith("last: no first token after 100 ms");
      assertThat(Instant.parse(v.path("last_trip_at").asText())).isBefore(answeredAt.get(0));
    }
    try (GatewayHarness gw = compressed(dataDir.resolve("json"))) {
      List<Instant> answeredAt = new CopyOnWriteArrayList<>();
      GatewayHarness.await(gw.postAsync("/v1/chat/completions", chat("gpt-4o", "stalled json").put("max_tokens", 20),
          "x-mock-chaos", "latency=2000").onSuccess(r -> answeredAt.add(Instant.now())));
      JsonNode v = view(gw);
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("trip_reason").asText()).contains("last: no answer after 200 ms");
      assertThat(Instant.parse(v.path("last_trip_at").asText())).isBefore(answeredAt.get(0));
    }
  }

  private static JsonNode view(GatewayHarness gw) {
    return GatewayHarness.readTree(
        gw.admin("/admin/breakers/PERFORMANCE_DEGRADATION", GatewayHarness.ADMIN_TOKEN).bodyAsString());
  }
}
