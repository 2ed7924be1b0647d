package gw.gateway.server;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import gw.traces.redact.UserIdHasher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The app's context lands in the trace; the provider sees none of it and none of the client's key. */
class ContextForwardingTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  static JsonObject ragRequest() {
    JsonObject retrieval = new JsonObject()
        .put("query", "refund window")
        .put("latency_ms", 42.5)
        .put("documents", new JsonArray()
            .add(new JsonObject().put("source", "kb/refunds.md").put("score", 0.91)
                .put("content", "Refunds within 30 days. Support key sk-live0123456789abcdefghijklmnop"))
            .add(new JsonObject().put("source", "kb/plans.md").put("score", 0.42).put("content", "Plans.")));
    JsonArray tools = new JsonArray().add(new JsonObject().put("name", "order_lookup")
        .put("input", new JsonObject().put("order", "ORD-2024-118734"))
        .put("output", new JsonObject().put("status", "shipped")).put("latency_ms", 120).put("success", true));
    JsonObject gateway = new JsonObject().put("retrieval", retrieval).put("tools", tools)
        // A prompt id the registry does not know is a label: recorded, not rendered.
        .put("prompt", new JsonObject().put("id", "faq-answer").put("version", "v2.1"))
        .put("tags", new JsonArray().add("exp:a").add("channel:web"));
    return chat("gpt-4o-mini", "What is the refund window?")
        .put("temperature", 0.7)
        .put("some_future_field", new JsonObject().put("kept", true))
        .put("gateway", gateway);
  }

  @Test
  void gatewayObjectIsStrippedAndUnknownFieldsKept() {
    gw.post("/v1/chat/completions", ragRequest(), "x-user-id", "user-77", "x-session-id", "sess-1");
    JsonObject received = lastReceived();
    JsonObject body = received.getJsonObject("body");
    assertThat(body.containsKey("gateway")).isFalse();
    assertThat(body.getJsonObject("some_future_field").getBoolean("kept")).isTrue();
    assertThat(body.getDouble("temperature")).isEqualTo(0.7);
  }

  @Test
  void providerKeyReplacesTheGatewayKeyAndContextHeadersStayHere() {
    gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"),
        "x-user-id", "user-77", "x-request-id", "req-123", "x-mock-chaos", "latency=0");
    JsonObject headers = lastReceived().getJsonObject("headers");
    assertThat(headers.getString("authorization")).isEqualTo("Bearer " + GatewayHarness.PROVIDER_KEY);
    assertThat(headers.containsKey("x-user-id")).isFalse();
    assertThat(headers.getString("x-request-id")).isEqualTo("req-123");
    assertThat(headers.getString("x-mock-chaos")).isEqualTo("latency=0");
  }

  @Test
  void theProviderGetsATraceparentNamingTheModelCallSpanInTheClientsTrace() {
    String client = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"), "traceparent", client);
    String sent = lastReceived().getJsonObject("headers").getString("traceparent");
    assertThat(sent).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01").isNotEqualTo(client)
        .isNotEqualTo(r.getHeader("traceparent")); // the request span is the model-call span's parent
    JsonNode llm = null;
    for (JsonNode span : gw.trace(r.getHeader("x-gateway-trace-id")).path("spans")) {
      if (span.path("kind").asText().equals("llm")) {
        llm = span;
      }
    }
    assertThat(llm).isNotNull();
    assertThat(sent.substring(36, 52)).isEqualTo(llm.path("span_id").asText());
  }

  @Test
  void anInvalidTraceparentIsIgnoredAndANewTraceStarts() {
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"), "traceparent", "garbage");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(lastReceived().getJsonObject("headers").getString("traceparent"))
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(gw.trace(r.getHeader("x-gateway-trace-id")).path("traceparent").isMissingNode()
        || gw.trace(r.getHeader("x-gateway-trace-id")).path("traceparent").isNull()).isTrue();
  }

  @Test
  void providerKeyNeverReachesTheClient() {
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"), "x-mock-chaos", "error_500");
    assertThat(r.bodyAsString()).doesNotContain(GatewayHarness.PROVIDER_KEY);
    r.headers().forEach(h -> assertThat(h.getValue()).doesNotContain(GatewayHarness.PROVIDER_KEY));
  }

  @Test
  void traceCarriesContextSpansAndRedactedDocuments() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", ragRequest(), "x-user-id", "user-77",
        "x-session-id", "sess-1", "x-conversation-id", "conv-9", "x-request-id", "req-9", "x-feature", "support-chat",
        "traceparent", traceparent);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode t = gw.trace(r.getHeader("x-gateway-trace-id"));
    assertThat(t.path("session_id").asText()).isEqualTo("sess-1");
    assertThat(t.path("conversation_id").asText()).isEqualTo("conv-9");
    assertThat(t.path("request_id").asText()).isEqualTo("req-9");
    assertThat(t.path("feature").asText()).isEqualTo("support-chat");
    assertThat(t.path("traceparent").asText()).isEqualTo(traceparent);
    assertThat(t.path("prompt_id").asText()).isEqualTo("faq-answer");
    assertThat(t.path("prompt_version").asText()).isEqualTo("v2.1");
    assertThat(t.path("retrieval_query").asText()).isEqualTo("refund window");
    assertThat(t.path("retrieved_docs")).hasSize(2);
    assertThat(t.path("retrieved_docs").path(0).path("relevance_score").asDouble()).isEqualTo(0.91);
    assertThat(t.path("retrieved_docs").path(0).path("content").asText())
        .contains("[REDACTED:").doesNotContain("sk-live0123456789abcdefghijklmnop");
    assertThat(t.path("tool_calls").path(0).path("tool_name").asText()).isEqualTo("order_lookup");
    assertThat(t.path("tool_calls").path(0).path("input").path("order").asText()).isEqualTo("ORD-2024-118734");
    assertThat(t.path("tags")).extracting(JsonNode::asText).containsExactly("exp:a", "channel:web");
    assertThat(t.path("user_id_hash").asText()).isEqualTo(new UserIdHasher(GatewayHarness.SALT).hash("user-77"));
    assertThat(t.toString()).doesNotContain("user-77").doesNotContain("sk-live0123456789abcdefghijklmnop");
    List<String> kinds = new ArrayList<>();
    t.path("spans").forEach(s -> kinds.add(s.path("kind").asText()));
    assertThat(kinds).containsExactlyInAnyOrder("request", "retrieval", "llm", "tool");
    assertThat(t.path("request").has("gateway")).isFalse();
  }

  @Test
  void latencyIsBrokenDownIntoGatewayAndUpstream() {
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"), "x-mock-chaos", "latency=50");
    JsonNode t = gw.trace(r.getHeader("x-gateway-trace-id"));
    double total = t.path("latency_ms").asDouble();
    double upstream = t.path("latency").path("upstream_ms").asDouble();
    double gateway = t.path("latency").path("gateway_ms").asDouble();
    assertThat(upstream).isGreaterThanOrEqualTo(50);
    assertThat(gateway).isGreaterThanOrEqualTo(0);
    assertThat(gateway + upstream).isCloseTo(total, org.assertj.core.data.Offset.offset(0.01));
  }

  private static JsonObject lastReceived() {
    JsonArray all = gw.mockReceived();
    return all.getJsonObject(all.size() - 1);
  }
}
