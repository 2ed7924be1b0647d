package gw.gateway.policy.forward;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries and the fallback chain, against a scripted upstream that fails the first N calls (the
 * mock's chaos is random or per request, so it cannot fail exactly the first one).
 */
class RetryAndFallbackTest {
  @TempDir Path dataDir;
  private final Vertx stubVertx = Vertx.vertx();
  private final List<String> modelsReceived = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopStub() {
    GatewayHarness.await(stubVertx.close());
  }

  /** Answers 503 (with the given Retry-After, if any) to the first {@code failures} calls, then a completion. */
  private String scriptedUpstream(int failures, String retryAfter) {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = stubVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String model = body.toJsonObject().getString("model");
      modelsReceived.add(model);
      if (calls.incrementAndGet() <= failures) {
        var resp = req.response().setStatusCode(503).putHeader("content-type", "application/json");
        if (retryAfter != null) {
          resp.putHeader("retry-after", retryAfter);
        }
        resp.end(new JsonObject().put("error", new JsonObject().put("message", "overloaded")
            .put("type", "server_error").putNull("param").put("code", "overloaded")).encode());
        return;
      }
      req.response().putHeader("content-type", "application/json").end(new JsonObject()
          .put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1).put("model", model)
          .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", "stop")
              .put("message", new JsonObject().put("role", "assistant").put("content", "Refunds take 30 days."))))
          .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 6).put("total_tokens", 18))
          .encode());
    }));
    int port = GatewayHarness.await(server.listen(0, "127.0.0.1")).actualPort();
    return "http://127.0.0.1:" + port + "/v1";
  }

  private GatewayHarness start(String upstream) {
    return GatewayHarness.start(dataDir, GatewayHarness.Options.defaults().withUpstream(upstream)
        .withConfig("forward.json", Map.of("/retry/initial_backoff_ms", 20, "/retry/max_backoff_ms", 50)));
  }

  @Test
  void aFailedAttemptIsRetriedAndEachAttemptIsItsOwnSpan() {
    try (GatewayHarness gw = start(scriptedUpstream(1, null))) {
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "refunds?"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("x-gateway-action")).isNull();
      assertThat(modelsReceived).containsExactly("gpt-4o-mini", "gpt-4o-mini");
      JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
      List<JsonNode> llm = new java.util.ArrayList<>();
      trace.path("spans").forEach(s -> {
        if ("llm".equals(s.path("kind").asText())) {
          llm.add(s);
        }
      });
      assertThat(llm).hasSize(2);
      assertThat(llm.get(0).path("attributes").path("attempt").asInt()).isEqualTo(1);
      assertThat(llm.get(0).path("attributes").path("http_status").asInt()).isEqualTo(503);
      assertThat(llm.get(0).path("status").asText()).isEqualTo("error");
      assertThat(llm.get(1).path("attributes").path("attempt").asInt()).isEqualTo(2);
      assertThat(llm.get(1).path("status").asText()).isEqualTo("ok");
      assertThat(trace.path("status").asText()).isEqualTo("ok");
    }
  }

  @Test
  void afterTheLastAttemptTheFallbackModelIsTried() {
    try (GatewayHarness gw = start(scriptedUpstream(3, null))) {
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o", "refunds?"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("forward/fallback_model");
      assertThat(modelsReceived).containsExactly("gpt-4o", "gpt-4o", "gpt-4o", "gpt-4o-mini");
      JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
      assertThat(trace.path("model_requested").asText()).isEqualTo("gpt-4o");
      assertThat(trace.path("model_served").asText()).isEqualTo("gpt-4o-mini");
    }
  }

  @Test
  void aRetryAfterLongerThanAcceptedEndsTheRetriesAndThe503ReachesTheClient() {
    try (GatewayHarness gw = start(scriptedUpstream(5, "30"))) {
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "refunds?"));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.getHeader("retry-after")).isEqualTo("30");
      assertThat(modelsReceived).as("no fallback chain for gpt-4o-mini, no retry past Retry-After").hasSize(1);
    }
  }

  @Test
  void aShortRetryAfterIsHonoured() {
    try (GatewayHarness gw = start(scriptedUpstream(1, "0.2"))) {
      long start = System.nanoTime();
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "refunds?"));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(tookMs).as("waited the provider's Retry-After of 200 ms").isGreaterThanOrEqualTo(200);
      assertThat(modelsReceived).hasSize(2);
    }
  }
}
