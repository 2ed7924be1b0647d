package gw.gateway.server;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each mock chaos mode, as a client of the gateway sees it and as the trace records it. */
class ChaosThroughGatewayTest {
  @RegisterExtension static final GatewaySystem system =
      GatewaySystem.with(GatewayHarness.Options.defaults().withTimeoutMs(1_500));
  static GatewayHarness gw;

  @AfterEach
  void resetChaos() {
    gw.setChaos(new JsonObject().put("modes", new JsonObject()));
  }

  private static HttpResponse<Buffer> chatWithChaos(String chaos) {
    return gw.post("/v1/chat/completions", chat("gpt-4o-mini", "What is the refund window?"), "x-mock-chaos", chaos);
  }

  private static JsonNode traceOf(HttpResponse<Buffer> r) {
    return gw.trace(r.getHeader("x-gateway-trace-id"));
  }

  @Test
  void addedLatencyShowsInTheUpstreamShareOfTheTrace() {
    HttpResponse<Buffer> r = chatWithChaos("latency=300");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode latency = traceOf(r).path("latency");
    assertThat(latency.path("upstream_ms").asDouble()).isGreaterThanOrEqualTo(300);
  }

  @Test
  void runtimeChaosAppliesWithoutTheHeader() {
    gw.setChaos(new JsonObject().put("modes", new JsonObject().put("error_500", new JsonObject().put("rate", 1.0))));
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hello"));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(GatewayHarness.readTree(r.bodyAsString()).path("error").path("message").asText()).isNotBlank();
    assertThat(traceOf(r).path("error").asText()).startsWith("upstream_http_500");
  }

  @Test
  void rateLimitPassesRetryAfterThrough() {
    HttpResponse<Buffer> r = chatWithChaos("rate_limit=7");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.getHeader("Retry-After")).isEqualTo("7");
    assertThat(traceOf(r).path("http_status").asInt()).isEqualTo(429);
  }

  @Test
  void droppedConnectionIs502() {
    HttpResponse<Buffer> r = chatWithChaos("drop_connection");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(traceOf(r).path("error").asText()).startsWith("upstream_connection_closed");
  }

  @Test
  void truncatedJsonAnswerIs502NotGarbage() {
    HttpResponse<Buffer> r = chatWithChaos("truncate_stream");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(GatewayHarness.readTree(r.bodyAsString()).path("error").path("code").asText())
        .isIn("upstream_invalid_response", "upstream_connection_closed");
  }

  @Test
  void hallucinationReachesTheClientAndTheTrace() {
    HttpResponse<Buffer> clean = chatWithChaos("latency=0");
    HttpResponse<Buffer> r = chatWithChaos("hallucination");
    String answer = content(r);
    assertThat(answer).isNotEqualTo(content(clean));
    assertThat(traceOf(r).path("output_text").asText()).isEqualTo(answer);
  }

  @Test
  void tokenBlowupShowsInTraceTokens() {
    int normal = traceOf(chatWithChaos("latency=0")).path("tokens").path("completion_tokens").asInt();
    int blown = traceOf(chatWithChaos("token_blowup")).path("tokens").path("completion_tokens").asInt();
    assertThat(blown).isGreaterThan(normal * 5);
  }

  @Test
  void piiLeakReachesTheClientButNeverTheTrace() {
    // With the DATA_INCIDENT breaker held closed the answer is passed as is: the trace's own redaction is under test.
    setDataIncidentMode("forced_closed");
    HttpResponse<Buffer> r;
    try {
      r = chatWithChaos("pii_leak");
    } finally {
      setDataIncidentMode("auto");
    }
    String answer = content(r);
    assertThat(answer).containsPattern("[\\w.]+@[\\w.]+");
    JsonNode trace = traceOf(r);
    assertThat(trace.path("output_text").asText()).contains("[REDACTED:email]").doesNotContainPattern("[\\w.]+@example\\.com");
    assertThat(trace.toString()).doesNotContain("555-123-4567");
  }

  @Test
  void offBrandToneIsPassedThrough() {
    assertThat(content(chatWithChaos("off_brand"))).isNotEqualTo(content(chatWithChaos("latency=0")));
  }

  private static void setDataIncidentMode(String mode) {
    assertThat(gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", mode)
        .put("reason", "trace redaction test"), GatewayHarness.OPERATOR_TOKEN).statusCode()).isEqualTo(200);
  }

  private static String content(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return GatewayHarness.readTree(r.bodyAsString()).path("choices").path(0).path("message").path("content").asText();
  }
}
