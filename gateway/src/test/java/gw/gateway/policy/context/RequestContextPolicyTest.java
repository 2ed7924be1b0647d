package gw.gateway.policy.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Route;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestContextPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RequestContextPolicy policy = new RequestContextPolicy();

  private static Exchange exchange(String body, String... headers) throws Exception {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    Exchange ex = new Exchange("t", Route.CHAT_COMPLETIONS, h, Instant.now(), 1);
    ex.body((ObjectNode) JSON.readTree(body));
    return ex;
  }

  @Test
  void stripsTheGatewayObjectAndReadsItsParts() throws Exception {
    Exchange ex = exchange("{\"model\":\"m\",\"gateway\":{\"prompt\":{\"id\":\"p\",\"version\":\"v1\"},"
        + "\"tags\":[\"a\"],\"retrieval\":{\"query\":\"q\",\"documents\":[{\"source\":\"s\",\"score\":0.5}]}}}",
        "x-session-id", "s1", "x-feature", "chat");
    assertThat(policy.onRequest(ex).succeeded()).isTrue();
    assertThat(ex.body().has("gateway")).isFalse();
    assertThat(ex.bodyModified()).isTrue();
    assertThat(ex.context().prompt().version()).isEqualTo("v1");
    assertThat(ex.context().retrieval().query()).isEqualTo("q");
    assertThat(ex.context().retrieval().documents()).singleElement()
        .satisfies(d -> assertThat(d.score()).isEqualTo(0.5));
    assertThat(ex.context().tags()).containsExactly("a");
    assertThat(ex.context().sessionId()).isEqualTo("s1");
    assertThat(ex.context().feature()).isEqualTo("chat");
  }

  @Test
  void toolReportsAreTypedWithSuccessAsTheDefaultAndUnknownFieldsIgnored() throws Exception {
    Exchange ex = exchange("{\"model\":\"m\",\"gateway\":{\"tools\":[{\"name\":\"crm\",\"input\":{\"id\":7},"
        + "\"latency_ms\":12.5,\"added_later\":true},{\"name\":\"kb\",\"success\":false,\"error\":\"timeout\"}],"
        + "\"expected_facts\":[\"30 days\"],\"future_field\":{}}}");
    assertThat(policy.onRequest(ex).succeeded()).isTrue();
    assertThat(ex.context().tools()).hasSize(2);
    assertThat(ex.context().tools().get(0).succeeded()).isTrue();
    assertThat(ex.context().tools().get(0).input().path("id").asInt()).isEqualTo(7);
    assertThat(ex.context().tools().get(0).latencyMs()).isEqualTo(12.5);
    assertThat(ex.context().tools().get(1).succeeded()).isFalse();
    assertThat(ex.context().tools().get(1).error()).isEqualTo("timeout");
    assertThat(ex.context().expectedFacts()).containsExactly("30 days");
  }

  @Test
  void bodyWithoutGatewayObjectIsLeftAlone() throws Exception {
    Exchange ex = exchange("{\"model\":\"m\"}");
    assertThat(policy.onRequest(ex).succeeded()).isTrue();
    assertThat(ex.bodyModified()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"gateway\": 5 | gateway must be a JSON object",
      "\"gateway\": {\"retrieval\": []} | gateway.retrieval must be an object",
      "\"gateway\": {\"retrieval\": {\"documents\": [{\"score\": -0.1}]}} | gateway.retrieval.documents[0].score",
      "\"gateway\": {\"retrieval\": {\"latency_ms\": -3}} | gateway.retrieval.latency_ms",
      "\"gateway\": {\"tools\": [{\"latency_ms\": 3}]} | gateway.tools[0].name",
      "\"gateway\": {\"tools\": [{\"name\": \"t\", \"success\": \"yes\"}]} | gateway.tools[0].success",
      "\"gateway\": {\"tools\": [{\"name\": \"t\", \"error\": {\"code\": 1}}]} | gateway.tools[0].error must be a string",
      "\"gateway\": {\"prompt\": {\"version\": 2}} | gateway.prompt.version",
      "\"gateway\": {\"tags\": [1]} | gateway.tags[0]"})
  void invalidExtensionIs400NamingTheField(String field, String expected) throws Exception {
    Future<Void> r = policy.onRequest(exchange("{\"model\":\"m\"," + field + "}"));
    assertThat(r.failed()).isTrue();
    GatewayFailure f = (GatewayFailure) r.cause();
    assertThat(f.status()).isEqualTo(400);
    assertThat(f.getMessage()).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
  void aMalformedTraceparentIsIgnoredAsW3cSaysNotRefused(String header) throws Exception {
    Exchange ex = exchange("{\"model\":\"m\"}", "traceparent", header);
    Future<Void> r = policy.onRequest(ex);
    assertThat(r.succeeded()).isTrue();
    assertThat(ex.context().traceparent()).isNull();
  }
}
