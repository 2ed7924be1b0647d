package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.policy.breaker.RetrievalOutagePolicy;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import gw.mock.client.RagTraffic;
import gw.mock.client.TrafficSnapshot;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample RAG client through the real gateway: what it reports lands in the traces, and the mock's chaos
 * shows up where an operator would look. Ordered, because each step leaves its traffic in the store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RagTrafficThroughGatewayTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  @Test
  @Order(1)
  void healthyTrafficIsTracedWithItsRetrievalToolsAndPassingQualityChecks() {
    TrafficSnapshot stats = run(40);
    assertThat(stats.ok()).isEqualTo(40);
    assertThat(stats.actions()).isEmpty();
    List<JsonNode> traces = traces(40);
    assertThat(traces).hasSize(40);
    for (JsonNode trace : traces) {
      assertThat(trace.path("retrieved_docs")).hasSize(3);
      assertThat(trace.path("retrieval_query").asText()).isNotBlank();
      JsonNode searchKb = trace.path("tool_calls").get(0);
      assertThat(searchKb.path("tool_name").asText()).isEqualTo("search_kb");
      assertThat(searchKb.path("success").asBoolean()).isTrue();
      assertThat(trace.path("quality").path("passed").asBoolean()).as(trace.toString()).isTrue();
      assertThat(trace.path("tags").toString()).contains("feature:");
    }
    assertThat(traces).anyMatch(trace -> trace.path("tool_calls").size() == 2);
    assertThat(traces).anyMatch(trace -> trace.path("stream").asBoolean());
  }

  @Test
  @Order(2)
  void expectedFactsReachTheQualityChecks() {
    // Hallucination falsifies the numbers in an answer, so a fact such as "30 days" goes missing.
    gw.setChaos(new JsonObject().put("modes", new JsonObject().put("hallucination", new JsonObject())));
    try {
      run(5);
    } finally {
      gw.setChaos(new JsonObject().put("modes", new JsonObject()));
    }
    assertThat(traces(5)).anyMatch(trace ->
        trace.path("quality").path("failed_checks").toString().contains("expected_facts"));
  }

  @Test
  @Order(3)
  void anEmptiedIndexIsAFailedSearchToolAndTheGatewaysFallbackAnswer() {
    gw.setChaos(new JsonObject().put("modes", new JsonObject().put("retrieval_outage", new JsonObject())));
    TrafficSnapshot stats;
    try {
      stats = run(10);
    } finally {
      gw.setChaos(new JsonObject().put("modes", new JsonObject()));
    }
    assertThat(stats.emptyRetrievals()).isEqualTo(10);
    assertThat(stats.actions()).containsEntry(RetrievalOutagePolicy.ACTION, 10L);
    for (JsonNode trace : traces(10)) {
      JsonNode searchKb = trace.path("tool_calls").get(0);
      assertThat(searchKb.path("success").asBoolean()).isFalse();
      assertThat(searchKb.path("error").asText()).isEqualTo("no documents");
      assertThat(trace.path("actions").toString()).contains(RetrievalOutagePolicy.ACTION);
    }
  }

  private static TrafficSnapshot run(long requests) {
    RagTraffic.Options options = RagTraffic.Options.defaults()
        .withGateway("http://127.0.0.1:" + gw.port())
        .withRetrieval("http://127.0.0.1:" + gw.mock.actualPort())
        .withApiKey(GatewayHarness.KEY)
        .withRate(200).withDuration(null).withMaxRequests(requests);
    return GatewayHarness.await(RagTraffic.start(gw.vertx, options).finished());
  }

  /** The newest {@code count} traces, in full. */
  private static List<JsonNode> traces(int count) {
    gw.flushTraces();
    JsonNode page = GatewayHarness.readTree(gw.admin("/admin/traces?limit=" + count, GatewayHarness.ADMIN_TOKEN)
        .bodyAsString());
    List<JsonNode> traces = new ArrayList<>();
    page.path("data").forEach(summary -> traces.add(gw.trace(summary.path("trace_id").asText())));
    return traces;
  }
}
