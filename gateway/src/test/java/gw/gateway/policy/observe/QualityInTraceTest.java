package gw.gateway.policy.observe;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The quality proxies' verdict in the trace, including facts the app expects in the answer. */
class QualityInTraceTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  private static HttpResponse<Buffer> ask(JsonArray expectedFacts) {
    JsonArray docs = new JsonArray().add(new JsonObject().put("source", "kb/refunds.md").put("score", 0.9)
        .put("content", "Refunds are accepted within 30 days of purchase."));
    return gw.post("/v1/chat/completions", chat("gpt-4o-mini", "How many days do I have for refunds?")
        .put("gateway", new JsonObject().put("expected_facts", expectedFacts)
            .put("prompt", new JsonObject().put("id", "support-answer"))
            .put("retrieval", new JsonObject().put("query", "refunds").put("documents", docs))));
  }

  @Test
  void expectedFactsInTheAnswerPassAndAMissingOneFails() {
    JsonNode good = gw.trace(ask(new JsonArray().add("30 days")).getHeader("x-gateway-trace-id")).path("quality");
    assertThat(good.path("passed").asBoolean()).as(good.toString()).isTrue();
    assertThat(good.path("score").asDouble()).isEqualTo(1.0);

    JsonNode bad = gw.trace(ask(new JsonArray().add("60 days")).getHeader("x-gateway-trace-id")).path("quality");
    assertThat(bad.path("passed").asBoolean()).isFalse();
    assertThat(bad.path("failed_checks").toString()).contains("expected_facts");
    assertThat(bad.path("score").asDouble()).isLessThan(1.0);
  }

  @Test
  void expectedFactsMustBeStrings() {
    HttpResponse<Buffer> r = ask(new JsonArray().add(30));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("gateway.expected_facts[0] must be a string");
  }
}
