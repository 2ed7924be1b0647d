package gw.gateway.policy.breaker;

import static gw.gateway.testing.GatewayHarness.ADMIN_TOKEN;
import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigSource;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every breaker but DATA_INCIDENT in observe mode, through the real gateway and mock: each fault trips
 * its breaker and opens its class's incident, while every client gets the provider's own answer; the
 * trace and the incident say what the breaker would have done. Three classes start in observe from
 * breakers.json, PERFORMANCE_DEGRADATION is switched by the admin API. All share one gateway: nothing is
 * intercepted, so one class's fault cannot change another's answers.
 */
class ObserveModeTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.with(GatewayHarness.Options.defaults()
        .withConfig("breakers.json", Map.ofEntries(
            Map.entry("/COST_SPIKE/mode", "observe"),
            Map.entry("/COST_SPIKE/max_tokens_per_request", 300),
            Map.entry("/COST_SPIKE/min_requests", 3),
            Map.entry("/COST_SPIKE/trip_ratio", 0.5),
            Map.entry("/COST_SPIKE/open_seconds", 60),
            Map.entry("/COST_SPIKE/cap_max_tokens", 64),
            Map.entry("/QUALITY_DEGRADATION/mode", "observe"),
            Map.entry("/QUALITY_DEGRADATION/min_requests", 3),
            Map.entry("/QUALITY_DEGRADATION/trip_ratio", 0.5),
            Map.entry("/QUALITY_DEGRADATION/open_seconds", 60),
            Map.entry("/QUALITY_DEGRADATION/known_good_model", "gpt-4o-mini"),
            Map.entry("/RETRIEVAL_OUTAGE/mode", "observe"),
            Map.entry("/RETRIEVAL_OUTAGE/min_requests", 4),
            Map.entry("/RETRIEVAL_OUTAGE/trip_ratio", 0.5),
            Map.entry("/RETRIEVAL_OUTAGE/open_seconds", 60),
            Map.entry("/PERFORMANCE_DEGRADATION/max_failures", 3),
            Map.entry("/PERFORMANCE_DEGRADATION/open_seconds", 60),
            Map.entry("/PERFORMANCE_DEGRADATION/fallback_model", "gpt-4o-mini")))
        // One try per request, so each failing request is one failure the upstream breaker counts.
        .withConfig("forward.json", Map.of("/retry/max_attempts", 1, "/fallback_models", Map.of()))
        .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 60_000)));
  private static GatewayHarness gw;

  @BeforeAll
  static void start() {
    HttpResponse<Buffer> set = gw.adminPost("/admin/breakers/PERFORMANCE_DEGRADATION",
        new JsonObject().put("mode", "observe").put("reason", "new deployment: watch before acting"),
        GatewayHarness.OPERATOR_TOKEN);
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    assertThat(set.bodyAsJsonObject().getString("mode")).isEqualTo("observe");
  }

  @Test
  void costSpikeInObserveCapsDowngradesAndShedsNothing() {
    tripBy("COST_SPIKE", () -> gw.post("/v1/chat/completions", chat("gpt-4o", "Tell me about refunds"),
        "x-mock-chaos", "token_blowup"));

    JsonObject asked = chat("gpt-4o", "And shipping?").put("max_tokens", 1000);
    HttpResponse<Buffer> r = untouched(gw.post("/v1/chat/completions", asked));
    assertThat(lastForwardedBody()).as("forwarded as the client sent it").isEqualTo(asked);
    assertThat(r.bodyAsJsonObject().getString("model")).startsWith("gpt-4o").doesNotStartWith("gpt-4o-mini");
    assertThat(observedActions(r)).contains("cost_spike/downgrade_model", "cost_spike/cap_max_tokens");

    HttpResponse<Buffer> freeTier = untouched(gw.send(HttpMethod.POST, "/v1/chat/completions",
        MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + GatewayHarness.BETA_KEY)
            .add("Content-Type", "application/json"), chat("gpt-4o-mini", "free tier").toBuffer()));
    assertThat(observedActions(freeTier)).contains("cost_spike/shed")
        .doesNotContain("cost_spike/downgrade_model", "cost_spike/cap_max_tokens");

    assertObservedNotIntercepted("COST_SPIKE");
    assertIncidentSaysWhatItWouldHaveDone("COST_SPIKE", "capping max_tokens at 64");
  }

  @Test
  void qualityDegradationInObserveKeepsTheRequestedModel() {
    tripBy("QUALITY_DEGRADATION", () -> gw.post("/v1/chat/completions", chat("gpt-4o", "Where is my parcel?"),
        "x-mock-chaos", "off_brand"));

    JsonObject asked = chat("gpt-4o", "And my refund?");
    HttpResponse<Buffer> r = untouched(gw.post("/v1/chat/completions", asked));
    assertThat(lastForwardedBody()).isEqualTo(asked);
    assertThat(observedActions(r)).contains("quality_degradation/rollback_model")
        .doesNotContain("quality_degradation/rollback_prompt");

    assertThat(gw.adminPost("/admin/prompts/support-answer", new JsonObject().put("active", "v1.0")
        .put("known_good", "v2.0").put("reason", "trying the old prompt"), ADMIN_TOKEN).statusCode()).isEqualTo(200);
    JsonObject withPrompt = RetrievalOutageBreakerTest.ragChat(0.9).put("model", "gpt-4o");
    withPrompt.getJsonObject("gateway").put("prompt", new JsonObject().put("id", "support-answer"));
    HttpResponse<Buffer> prompted = untouched(gw.post("/v1/chat/completions", withPrompt));
    assertThat(gw.trace(prompted.getHeader("x-gateway-trace-id")).path("prompt_version").asText())
        .as("the active version is served").isEqualTo("v1.0");
    assertThat(observedActions(prompted)).contains("quality_degradation/rollback_model",
        "quality_degradation/rollback_prompt");

    assertObservedNotIntercepted("QUALITY_DEGRADATION");
    assertIncidentSaysWhatItWouldHaveDone("QUALITY_DEGRADATION", "rolling back to the known-good model gpt-4o-mini");
  }

  @Test
  void retrievalOutageInObserveLetsTheModelAnswer() {
    String fallback = BreakersConfig.load(ConfigSource.bundled()).retrieval().fallbackAnswer();
    List<HttpResponse<Buffer>> empty = new ArrayList<>();
    tripBy("RETRIEVAL_OUTAGE", () -> {
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", RetrievalOutageBreakerTest.ragChat());
      empty.add(r);
      return r;
    });

    int calls = gw.mockReceived().size();
    JsonObject asked = RetrievalOutageBreakerTest.ragChat(0.9);
    HttpResponse<Buffer> r = untouched(gw.post("/v1/chat/completions", asked));
    assertThat(gw.mockReceived()).as("the model was called").hasSize(calls + 1);
    for (HttpResponse<Buffer> answer : List.of(empty.get(0), r)) {
      untouched(answer);
      String content = answer.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0).getJsonObject("message")
          .getString("content");
      assertThat(content).isNotBlank().isNotEqualTo(fallback);
      assertThat(observedActions(answer)).contains("retrieval_outage/fallback_answer");
      assertThat(gw.trace(answer.getHeader("x-gateway-trace-id")).path("model_served").asText())
          .isNotEqualTo("gateway-fallback");
    }

    assertObservedNotIntercepted("RETRIEVAL_OUTAGE");
    assertIncidentSaysWhatItWouldHaveDone("RETRIEVAL_OUTAGE", "answering with the configured fallback answer");
  }

  @Test
  void performanceDegradationInObserveStillCallsTheUpstreamWhileOpen() {
    tripBy("PERFORMANCE_DEGRADATION", () -> {
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o", "hi"), "x-mock-chaos", "error_500");
      assertThat(r.statusCode()).as("the provider's own 500").isEqualTo(500);
      return r;
    });

    int calls = gw.mockReceived().size();
    JsonObject asked = chat("gpt-4o", "while open");
    HttpResponse<Buffer> r = untouched(gw.post("/v1/chat/completions", asked));
    assertThat(gw.mockReceived()).as("the upstream is called while open").hasSize(calls + 1);
    assertThat(lastForwardedBody()).as("on the requested model, not the fallback").isEqualTo(asked);
    assertThat(observedActions(r)).contains("performance_degradation/fallback_model");

    HttpResponse<Buffer> failing = gw.post("/v1/chat/completions", chat("gpt-4o", "still failing"),
        "x-mock-chaos", "error_500");
    assertThat(failing.statusCode()).as("the provider's 500, not the gateway's 503").isEqualTo(500);
    assertThat(failing.getHeader("x-gateway-action")).isNull();

    assertObservedNotIntercepted("PERFORMANCE_DEGRADATION");
    assertIncidentSaysWhatItWouldHaveDone("PERFORMANCE_DEGRADATION", "redirecting requests to the fallback model");
  }

  /** Sends the fault (bounded) until the class's breaker opens: other classes' traffic shares its windows. */
  private static void tripBy(String incidentClass, Supplier<HttpResponse<Buffer>> fault) {
    for (int i = 0; i < 30; i++) {
      HttpResponse<Buffer> r = fault.get();
      assertThat(r.getHeader("x-gateway-action")).as("nothing done while it trips").isNull();
      gw.flushTraces(); // windows learn from measured answers
      JsonNode v = view(incidentClass);
      if (v.path("state").asText().equals("open")) {
        assertThat(v.path("mode").asText()).isEqualTo("observe");
        assertThat(v.path("trips").asLong()).isPositive();
        return;
      }
    }
    throw new AssertionError(incidentClass + " never tripped: " + view(incidentClass));
  }

  /** The provider's answer as sent: a success, no gateway action. */
  private static HttpResponse<Buffer> untouched(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.getHeader("x-gateway-action")).as("only what was done goes in the header").isNull();
    return r;
  }

  /** The trace's would-have list: other classes' breakers, open in observe mode too, may have added theirs. */
  private static List<String> observedActions(HttpResponse<Buffer> r) {
    JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
    assertThat(trace.path("actions")).as("nothing was done").isEmpty();
    List<String> observed = new ArrayList<>();
    trace.path("observed_actions").forEach(a -> observed.add(a.asText()));
    return observed;
  }

  private static JsonObject lastForwardedBody() {
    var received = gw.mockReceived();
    return received.getJsonObject(received.size() - 1).getJsonObject("body");
  }

  private static JsonNode view(String incidentClass) {
    return GatewayHarness.readTree(gw.admin("/admin/breakers/" + incidentClass, ADMIN_TOKEN).bodyAsString());
  }

  private static void assertObservedNotIntercepted(String incidentClass) {
    JsonNode all = GatewayHarness.readTree(gw.admin("/admin/breakers", ADMIN_TOKEN).bodyAsString()).path("data");
    JsonNode v = null;
    for (JsonNode b : all) {
      if (b.path("class").asText().equals(incidentClass)) {
        v = b;
      }
    }
    assertThat(v).as(all.toString()).isNotNull();
    assertThat(v.path("observed").asLong()).as(v.toString()).isPositive();
    assertThat(v.path("interceptions").asLong()).as(v.toString()).isZero();
    assertThat(gw.admin("/metrics", null).bodyAsString())
        .contains("gw_breaker_observe{class=\"" + incidentClass + "\"} 1.0")
        .contains("gw_breaker_forced{class=\"" + incidentClass + "\"} 0.0");
  }

  /** After one tick, the class's open incident counts the requests its breaker would have acted on. */
  private static void assertIncidentSaysWhatItWouldHaveDone(String incidentClass, String wouldHave) {
    gw.evaluateIncidents();
    JsonNode list = GatewayHarness.readTree(gw.admin("/admin/incidents?status=open&class=" + incidentClass,
        ADMIN_TOKEN).bodyAsString()).path("data");
    JsonNode open = list.size() == 0 ? null : list.get(0);
    assertThat(open).as("no open " + incidentClass + " incident").isNotNull();
    JsonNode observed = open.path("observed");
    assertThat(observed.path("requests").asLong()).as(open.toString()).isPositive();
    assertThat(observed.path("would_have").asText()).contains(wouldHave);
    assertThat(observed.path("breaker_opened_at").isTextual()).as(open.toString()).isTrue();
    assertThat(open.path("mitigated_at").isNull()).as("not mitigated by the breaker").isTrue();
    assertThat(open.path("mitigation").isNull()).isTrue();
    assertThat(open.path("intercepted").asLong()).isZero();
    List<String> lines = new ArrayList<>();
    open.path("timeline").forEach(e -> lines.add(e.path("kind").asText() + ": " + e.path("message").asText()));
    assertThat(lines).anyMatch(l -> l.startsWith("observed: " + incidentClass + " breaker open in observe mode"));
    assertThat(lines).noneMatch(l -> l.startsWith("mitigation:"));
  }
}
