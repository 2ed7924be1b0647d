package gw.gateway.policy.breaker;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import gw.gateway.testing.MutableClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RETRIEVAL_OUTAGE through the real gateway and mock: trigger, action on the wire and in the trace, modes. */
public class RetrievalOutageBreakerTest {
  static final String FALLBACK = "Knowledge base unavailable, try again soon.";
  static final Duration OPEN = Duration.ofSeconds(30);
  final MutableClock clock = new MutableClock(Instant.now());
  @RegisterExtension final GatewaySystem system = GatewaySystem.with(
      GatewayHarness.Options.defaults().withClock(clock).withConfig("breakers.json", Map.of(
        "/RETRIEVAL_OUTAGE/fallback_answer", FALLBACK,
        "/RETRIEVAL_OUTAGE/min_requests", 4,
        "/RETRIEVAL_OUTAGE/trip_ratio", 0.5,
        "/RETRIEVAL_OUTAGE/open_seconds", OPEN.toSeconds())));
  GatewayHarness gw;

  public static JsonObject ragChat(double... scores) {
    JsonArray docs = new JsonArray();
    for (double s : scores) {
      docs.add(new JsonObject().put("source", "kb/refunds.md").put("score", s)
          .put("content", "Refunds are possible within 30 days."));
    }
    return chat("gpt-4o-mini", "How do refunds work?")
        .put("gateway", new JsonObject().put("retrieval", new JsonObject().put("query", "refunds").put("documents", docs)));
  }

  @Test
  void emptyRetrievalGetsTheFallbackWithoutCallingTheModel() {
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", ragChat());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("x-gateway-action")).isEqualTo("retrieval_outage/fallback_answer");
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"))
        .isEqualTo(FALLBACK);
    assertThat(gw.mockReceived()).isEmpty();
    JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
    assertThat(trace.path("actions").toString()).contains("retrieval_outage/fallback_answer");
    assertThat(trace.path("output_text").asText()).isEqualTo(FALLBACK);
    assertThat(trace.path("cost_usd").asDouble()).isZero();
    assertThat(trace.path("model_served").asText()).isEqualTo("gateway-fallback");
  }

  @Test
  void aWeakTopScoreGoesToTheModelButCountsAgainstTheRetrieval() {
    // A question the knowledge base has nothing on: the model's refusal is the right answer, not the outage text.
    assertThat(gw.post("/v1/chat/completions", ragChat(0.1, 0.2)).getHeader("x-gateway-action")).isNull();
    assertThat(gw.mockReceived()).hasSize(1);
    HttpResponse<Buffer> good = gw.post("/v1/chat/completions", ragChat(0.9, 0.4));
    assertThat(good.getHeader("x-gateway-action")).isNull();
    assertThat(gw.mockReceived()).hasSize(2);

    // Every score low is what an outage looks like: half of the window weak opens the breaker.
    gw.post("/v1/chat/completions", ragChat(0.1));
    gw.post("/v1/chat/completions", ragChat(0.05));
    assertThat(breaker().path("state").asText()).isEqualTo("open");
    assertThat(breaker().path("trip_reason").asText()).contains("3 of 4");
    assertThat(gw.post("/v1/chat/completions", ragChat(0.9)).getHeader("x-gateway-action"))
        .isEqualTo("retrieval_outage/fallback_answer");
  }

  @Test
  void streamingClientsGetTheFallbackAsAValidStream() {
    var params = ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("How do refunds work?")
        .putAdditionalBodyProperty("gateway", com.openai.core.JsonValue.from(Map.of("retrieval",
            Map.of("query", "refunds", "documents", java.util.List.of()))))
        .build();
    String text;
    try (StreamResponse<ChatCompletionChunk> stream = gw.openAiClient().chat().completions().createStreaming(params)) {
      text = stream.stream().flatMap(c -> c.choices().stream())
          .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
    }
    assertThat(text).isEqualTo(FALLBACK);
    assertThat(gw.mockReceived()).isEmpty();
  }

  @Test
  void tripsOnTheWindowThenAGoodProbeClosesIt() {
    gw.post("/v1/chat/completions", ragChat(0.9));
    gw.post("/v1/chat/completions", ragChat(0.9));
    gw.post("/v1/chat/completions", ragChat());
    gw.post("/v1/chat/completions", ragChat());
    JsonNode view = breaker();
    assertThat(view.path("state").asText()).isEqualTo("open");
    assertThat(view.path("trip_reason").asText()).contains("2 of 4");

    // Open: even good retrieval gets the fallback, until the open time has passed and a probe succeeds.
    assertThat(gw.post("/v1/chat/completions", ragChat(0.9)).getHeader("x-gateway-action")).isNotNull();
    clock.advance(OPEN.minusMillis(1));
    assertThat(gw.post("/v1/chat/completions", ragChat(0.9)).getHeader("x-gateway-action"))
        .as("still open a moment before open_seconds").isNotNull();
    clock.advance(Duration.ofMillis(1));
    HttpResponse<Buffer> probe = gw.post("/v1/chat/completions", ragChat(0.9));
    assertThat(probe.getHeader("x-gateway-action")).as("the probe goes to the model").isNull();
    assertThat(probe.statusCode()).isEqualTo(200);
    assertThat(breaker().path("state").asText()).isEqualTo("closed");
  }

  @Test
  void forcedClosedLetsEmptyRetrievalThroughAndAutoRestoresTheCheck() {
    assertThat(gw.adminPost("/admin/breakers/RETRIEVAL_OUTAGE",
        new JsonObject().put("mode", "forced_closed").put("reason", "retriever fixed, checking"),
        GatewayHarness.OPERATOR_TOKEN).statusCode()).isEqualTo(200);
    assertThat(gw.post("/v1/chat/completions", ragChat()).getHeader("x-gateway-action")).isNull();
    assertThat(gw.mockReceived()).hasSize(1);

    gw.adminPost("/admin/breakers/retrieval_outage", new JsonObject().put("mode", "auto").put("reason", "done"),
        GatewayHarness.OPERATOR_TOKEN);
    assertThat(gw.post("/v1/chat/completions", ragChat()).getHeader("x-gateway-action")).isNotNull();
  }

  @Test
  void forcedOpenAnswersEveryRagRequestWithTheFallbackButNotPlainChat() {
    gw.adminPost("/admin/breakers/RETRIEVAL_OUTAGE",
        new JsonObject().put("mode", "forced_open").put("reason", "index rebuild"), GatewayHarness.OPERATOR_TOKEN);
    assertThat(gw.post("/v1/chat/completions", ragChat(0.95)).getHeader("x-gateway-action"))
        .isEqualTo("retrieval_outage/fallback_answer");
    assertThat(gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hello")).getHeader("x-gateway-action")).isNull();
    assertThat(breaker().path("interceptions").asLong()).isEqualTo(1);
    String metrics = gw.admin("/metrics", null).bodyAsString();
    assertThat(metrics).contains("gw_breaker_state{class=\"RETRIEVAL_OUTAGE\"} 1.0")
        .contains("gw_breaker_forced{class=\"RETRIEVAL_OUTAGE\"} 1.0")
        .contains("gw_breaker_interceptions_total{class=\"RETRIEVAL_OUTAGE\"} 1.0")
        .contains("gw_breaker_state{class=\"COST_SPIKE\"} 0.0");
  }

  private JsonNode breaker() {
    return GatewayHarness.readTree(gw.admin("/admin/breakers/RETRIEVAL_OUTAGE", GatewayHarness.ADMIN_TOKEN).bodyAsString());
  }
}
