package gw.gateway.replay;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import gw.traces.TraceRecord;
import gw.traces.diagnosis.ReferenceTraces;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /admin/replay through the real gateway and mock, on the reference traces and on live ones. */
class ReplayThroughGatewayTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  @BeforeAll
  static void start() {
    // The mock echoes the email of one test's question; a tripped DATA_INCIDENT would stop storing
    // content, which replay needs. Leaks are DataIncidentBreakerTest's subject, not this one's.
    gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "forced_closed")
        .put("reason", "replay tests"), GatewayHarness.OPERATOR_TOKEN);
    for (TraceRecord r : ReferenceTraces.loadAll()) {
      assertThat(gw.gateway.store().offer(r)).isTrue();
    }
    gw.flushTraces();
  }

  private static String id(String file) {
    return ReferenceTraces.load(file).traceId();
  }

  private static JsonNode replay(String traceId, JsonObject overrides) {
    HttpResponse<Buffer> r = gw.adminPost("/admin/replay", new JsonObject().put("trace_id", traceId)
        .put("overrides", overrides), GatewayHarness.OPERATOR_TOKEN);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return GatewayHarness.readTree(r.bodyAsString());
  }

  @Test
  void theWrongPromptVersionReplayedWithV2IsImproved() {
    JsonNode c = replay(id("trace-c-wrong-prompt-ver.json"), new JsonObject().put("prompt_version", "v2.0"));
    assertThat(c.path("verdict").asText()).as(c.toString()).isEqualTo("improved");
    assertThat(c.path("reason").asText()).contains("WRONG_PROMPT_VERSION fixed");
    assertThat(c.path("original").path("prompt_version").asText()).isEqualTo("v1.0");
    assertThat(c.path("replay").path("prompt_version").asText()).isEqualTo("v2.0");
    assertThat(c.path("replay").path("diagnosis").asText()).isEqualTo("HEALTHY");
    assertThat(c.path("replay").path("answer_preview").asText()).contains("[");
    JsonNode stored = gw.trace(c.path("replay").path("trace_id").asText());
    assertThat(stored.path("replay_of").asText()).isEqualTo(id("trace-c-wrong-prompt-ver.json"));
    assertThat(stored.path("tenant").asText()).isEqualTo("acme");
  }

  @Test
  void aRetrievalMismatchIsNotFixedByAPromptChange() {
    JsonNode c = replay(id("trace-b-retrieval-mismatch.json"), new JsonObject().put("prompt_version", "v2.0"));
    assertThat(c.path("verdict").asText()).as(c.toString()).isEqualTo("same");
    assertThat(c.path("reason").asText()).contains("still RETRIEVAL_MISMATCH");
  }

  @Test
  void theSlowResponseOnACheaperModelIsImprovedAndCheaper() {
    JsonNode c = replay(id("trace-f-slow-response.json"), new JsonObject().put("model", "gpt-4o-mini"));
    assertThat(c.path("verdict").asText()).as(c.toString()).isEqualTo("improved");
    assertThat(c.path("replay").path("model").asText()).startsWith("gpt-4o-mini");
    assertThat(c.path("replay").path("cost_usd").asDouble()).isLessThan(c.path("original").path("cost_usd").asDouble());
    assertThat(c.path("replay").path("latency_ms").asDouble()).isLessThan(c.path("original").path("latency_ms").asDouble());
  }

  @Test
  void aLiveHallucinationReplayedWithoutTheChaosIsImproved() {
    JsonArray docs = new JsonArray().add(new JsonObject().put("source", "kb/refunds.md").put("score", 0.9)
        .put("content", "Refunds are accepted within 30 days of purchase."));
    JsonObject body = chat("gpt-4o-mini", "How many days do I have for refunds?")
        .put("gateway", new JsonObject().put("retrieval", new JsonObject().put("query", "refunds").put("documents", docs)));
    HttpResponse<Buffer> live = gw.post("/v1/chat/completions", body, "x-mock-chaos", "hallucination");
    gw.flushTraces();
    JsonNode c = replay(live.getHeader("x-gateway-trace-id"), new JsonObject());
    assertThat(c.path("original").path("diagnosis").asText()).isEqualTo("HALLUCINATION");
    assertThat(c.path("verdict").asText()).as(c.toString()).isEqualTo("improved");
    assertThat(c.path("replayed_redacted_content").asBoolean()).isFalse();
  }

  @Test
  void aRedactedCaptureIsReplayedRedactedAndSaysSo() {
    HttpResponse<Buffer> live = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "Mail me at jane.roe@example.org"));
    gw.flushTraces();
    JsonNode c = replay(live.getHeader("x-gateway-trace-id"), new JsonObject().put("temperature", 0.1));
    assertThat(c.path("replayed_redacted_content").asBoolean()).isTrue();
    assertThat(c.path("notes").toString()).contains("redacted");
    var received = gw.mockReceived();
    assertThat(received.getJsonObject(received.size() - 1).getJsonObject("body").encode())
        .contains("[REDACTED:email]").doesNotContain("jane.roe");
  }

  /** A live RAG request; {@code promptRef} null: its system prompt is in the request, as the sample client's is. */
  private static String live(JsonObject promptRef) {
    JsonArray docs = new JsonArray().add(new JsonObject().put("source", "kb/refunds.md").put("score", 0.92)
        .put("content", "Refunds are accepted within 30 days of purchase."));
    JsonObject gateway = new JsonObject().put("retrieval", new JsonObject().put("query", "refund window")
        .put("documents", docs));
    JsonObject body = chat("gpt-4o-mini", "How many days do I have for refunds?").put("gateway", gateway);
    if (promptRef != null) {
      gateway.put("prompt", promptRef);
    } else {
      body.getJsonArray("messages").add(0, new JsonObject().put("role", "system")
          .put("content", "Answer from the context and cite it as [source]."));
    }
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    gw.flushTraces();
    return r.getHeader("x-gateway-trace-id");
  }

  private static JsonNode refused(String traceId, JsonObject overrides) {
    HttpResponse<Buffer> r = gw.adminPost("/admin/replay", new JsonObject().put("trace_id", traceId)
        .put("overrides", overrides), GatewayHarness.OPERATOR_TOKEN);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    return GatewayHarness.readTree(r.bodyAsString()).path("error");
  }

  @Test
  void withoutARegistryPromptAPromptVersionIsRefusedAndSaysWhyWhileModelAndTemperatureApply() {
    String traceId = live(null);
    JsonNode error = refused(traceId, new JsonObject().put("prompt_version", "v2.0"));
    assertThat(error.path("code").asText()).isEqualTo("override_not_applicable");
    assertThat(error.path("param").asText()).isEqualTo("overrides.prompt_version");
    assertThat(error.path("type").asText()).isEqualTo("admin_error");
    assertThat(error.path("message").asText()).isEqualTo("trace " + traceId + " used no registry prompt (its system"
        + " prompt came from the request), so a prompt_version override does not apply; replay it with a model or"
        + " temperature override instead");

    JsonNode onModel = replay(traceId, new JsonObject().put("model", "gpt-4o"));
    assertThat(onModel.path("status").asInt()).isEqualTo(200);
    assertThat(onModel.path("replay").path("model").asText()).startsWith("gpt-4o").doesNotContain("mini");
    JsonNode cooler = replay(traceId, new JsonObject().put("temperature", 0.2));
    assertThat(cooler.path("status").asInt()).isEqualTo(200);
    JsonNode replayed = gw.trace(cooler.path("replay").path("trace_id").asText());
    assertThat(replayed.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(replayed.path("request").path("messages").get(0).path("content").asText())
        .as("the request's own system prompt is replayed as it was").startsWith("Answer from the context");
  }

  @Test
  void withARegistryPromptAPromptVersionIsReplayedAndAnUnknownOneIsRefused() {
    String traceId = live(new JsonObject().put("id", "support-answer"));
    JsonNode c = replay(traceId, new JsonObject().put("prompt_version", "v1.0"));
    assertThat(c.path("original").path("prompt_version").asText()).isEqualTo("v2.0");
    assertThat(c.path("replay").path("prompt_version").asText()).isEqualTo("v1.0");

    JsonNode error = refused(traceId, new JsonObject().put("prompt_version", "v9"));
    assertThat(error.path("code").asText()).isEqualTo("unknown_prompt_version");
    assertThat(error.path("message").asText()).isEqualTo("prompt 'support-answer' has no version 'v9'; its versions"
        + " are v1.0, v2.0");

    String ownPrompt = live(new JsonObject().put("id", "my-own-prompt"));
    assertThat(refused(ownPrompt, new JsonObject().put("prompt_version", "v2.0")).path("message").asText())
        .contains("names prompt 'my-own-prompt', which is not in the registry");
  }

  @Test
  void rolesUnknownTracesAndBadOverridesAreRefused() {
    assertThat(gw.adminPost("/admin/replay", new JsonObject().put("trace_id", id("trace-a-normal-success.json")),
        GatewayHarness.BETA_VIEWER_TOKEN).statusCode()).isEqualTo(403);
    assertThat(gw.adminPost("/admin/replay", new JsonObject().put("trace_id", "019593ec-0000-7000-8000-000000000000"),
        GatewayHarness.OPERATOR_TOKEN).statusCode()).isEqualTo(404);
    assertThat(gw.adminPost("/admin/replay", new JsonObject().put("trace_id", id("trace-a-normal-success.json")),
        GatewayHarness.BETA_OPERATOR_TOKEN).statusCode()).as("another tenant's trace").isEqualTo(404);
    HttpResponse<Buffer> bad = gw.adminPost("/admin/replay", new JsonObject().put("trace_id", id("trace-a-normal-success.json"))
        .put("overrides", new JsonObject().put("temprature", 0.2)), GatewayHarness.OPERATOR_TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("unknown override 'temprature'");
  }
}
