package gw.gateway.policy.breaker;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DATA_INCIDENT: a leak in an answer (the mock's pii_leak chaos) is redacted or blocked and trips the breaker. */
class DataIncidentBreakerTest {
  @TempDir Path dataDir;

  private static HttpResponse<Buffer> leaking(GatewayHarness gw) {
    return gw.post("/v1/chat/completions", chat("gpt-4o-mini", "What is my account email?"), "x-mock-chaos", "pii_leak");
  }

  private static String content(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
  }

  private static JsonNode view(GatewayHarness gw) {
    return GatewayHarness.readTree(gw.admin("/admin/breakers/DATA_INCIDENT", GatewayHarness.ADMIN_TOKEN).bodyAsString());
  }

  @Test
  void aLeakIsRedactedTripsTheBreakerAndStopsContentStorageUntilAnOperatorResets() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      HttpResponse<Buffer> r = leaking(gw);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("data_incident/redact");
      assertThat(content(r)).doesNotContain("john.doe@example.com").doesNotContain("sk-proj-")
          .contains("[REDACTED:email]");
      JsonNode v = view(gw);
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("trip_reason").asText()).contains("email");
      JsonNode leakTrace = gw.trace(r.getHeader("x-gateway-trace-id"));
      assertThat(leakTrace.path("output_text").isTextual()).isFalse();
      assertThat(leakTrace.path("input_text").isTextual()).isFalse();
      assertThat(leakTrace.path("actions").toString()).contains("data_incident/redact");

      // Still open, with no time limit: a clean request's trace keeps no content either.
      HttpResponse<Buffer> clean = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "Shipping times?"));
      assertThat(clean.getHeader("x-gateway-action")).isNull();
      assertThat(gw.trace(clean.getHeader("x-gateway-trace-id")).path("input_text").isTextual()).isFalse();
      assertThat(view(gw).path("state").asText()).isEqualTo("open");

      gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "auto")
          .put("reason", "model rolled back, leak confirmed over"), GatewayHarness.OPERATOR_TOKEN);
      assertThat(view(gw).path("state").asText()).isEqualTo("closed");
      HttpResponse<Buffer> after = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "Shipping times?"));
      assertThat(gw.trace(after.getHeader("x-gateway-trace-id")).path("input_text").asText()).isEqualTo("Shipping times?");
    }
  }

  @Test
  void aLeakInAStreamedAnswerIsRedactedOnTheWireAndTripsTheBreaker() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      var params = com.openai.models.chat.completions.ChatCompletionCreateParams.builder().model("gpt-4o-mini")
          .addUserMessage("What is my account email?")
          .putAdditionalHeader("x-mock-chaos", "pii_leak").build();
      String text;
      try (var stream = gw.openAiClient().chat().completions().createStreaming(params)) {
        text = stream.stream().flatMap(c -> c.choices().stream())
            .map(c -> c.delta().content().orElse("")).collect(java.util.stream.Collectors.joining());
      }
      assertThat(text).doesNotContain("john.doe@example.com").doesNotContain("555-123-4567")
          .contains("[REDACTED:email]");
      JsonNode v = view(gw);
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("trip_reason").asText()).contains("streamed answer");
      gw.flushTraces();
      JsonNode traces = GatewayHarness.readTree(gw.admin("/admin/traces?limit=1", GatewayHarness.ADMIN_TOKEN).bodyAsString());
      assertThat(traces.path("data").get(0).path("actions").toString()).contains("data_incident/redact");
      assertThat(traces.path("data").get(0).path("output_text").isTextual()).isFalse();
    }
  }

  @Test
  void withTheBlockActionTheAnswerIsWithheldAsAContentFilterStop() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults()
        .withConfig("breakers.json", Map.of("/DATA_INCIDENT/action", "block")))) {
      HttpResponse<Buffer> r = leaking(gw);
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("data_incident/block");
      assertThat(content(r)).isEqualTo(DataIncidentPolicy.BLOCKED_TEXT);
      assertThat(r.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
          .isEqualTo("content_filter");
    }
  }

  @Test
  void forcedClosedTurnsTheScanOff() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "forced_closed")
          .put("reason", "test data, known fake addresses"), GatewayHarness.OPERATOR_TOKEN);
      HttpResponse<Buffer> r = leaking(gw);
      assertThat(r.getHeader("x-gateway-action")).isNull();
      assertThat(content(r)).contains("john.doe@example.com");
      assertThat(view(gw).path("trips").asLong()).isZero();
    }
  }
}
