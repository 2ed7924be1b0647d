package gw.gateway.server;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every failure reaches the client in OpenAI's error shape, with the right status and a trace id. */
class ErrorStatusTest {
  @TempDir static Path dataDir;
  @RegisterExtension static final GatewaySystem system =
      GatewaySystem.with(GatewayHarness.Options.defaults().withTimeoutMs(1_000));
  static GatewayHarness gw;

  @Test
  void malformedJsonIs400() {
    JsonNode error = assertError(gw.post("/v1/chat/completions", Buffer.buffer("{\"model\": ")), 400);
    assertThat(error.path("code").asText()).isEqualTo("invalid_json");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void missingModelIs400NamingTheParam() {
    JsonNode error = assertError(gw.post("/v1/chat/completions",
        new JsonObject().put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")))),
        400);
    assertThat(error.path("param").asText()).isEqualTo("model");
  }

  @Test
  void invalidGatewayExtensionIs400NamingTheField() {
    JsonObject body = chat("gpt-4o-mini", "hi").put("gateway", new JsonObject().put("retrieval",
        new JsonObject().put("documents", new JsonArray().add(new JsonObject().put("source", "a").put("score", 1.5)))));
    JsonNode error = assertError(gw.post("/v1/chat/completions", body), 400);
    assertThat(error.path("message").asText()).contains("gateway.retrieval.documents[0].score");
  }

  @Test
  void missingKeyIs401() {
    HttpResponse<Buffer> r = gw.send(HttpMethod.POST, "/v1/chat/completions",
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"),
        chat("gpt-4o-mini", "hi").toBuffer());
    assertThat(assertError(r, 401).path("code").asText()).isEqualTo("invalid_api_key");
  }

  @Test
  void wrongKeyIs401AndIsNotEchoedWhole() {
    HttpResponse<Buffer> r = gw.send(HttpMethod.POST, "/v1/chat/completions",
        MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer not-a-real-key-123456"),
        chat("gpt-4o-mini", "hi").toBuffer());
    assertThat(assertError(r, 401).path("message").asText()).doesNotContain("not-a-real-key-123456");
  }

  @Test
  void unknownRouteIs404() {
    HttpResponse<Buffer> r = gw.send(HttpMethod.POST, "/v1/completions-that-do-not-exist",
        MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + GatewayHarness.KEY), Buffer.buffer("{}"));
    assertThat(assertError(r, 404).path("code").asText()).isEqualTo("unknown_url");
  }

  @Test
  void oversizedBodyIs413() {
    String big = "x".repeat((1 << 20) + 10);
    JsonNode error = assertError(gw.post("/v1/chat/completions", chat("gpt-4o-mini", big)), 413);
    assertThat(error.path("code").asText()).isEqualTo("request_too_large");
  }

  @Test
  void upstream503IsPassedThroughInOpenAiShape() {
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"), "x-mock-chaos", "error_503");
    assertError(r, 503);
    JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
    assertThat(trace.path("status").asText()).isEqualTo("error");
    assertThat(trace.path("http_status").asInt()).isEqualTo(503);
  }

  @Test
  void upstreamTimeoutIs504() {
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"), "x-mock-chaos", "timeout");
    assertThat(assertError(r, 504).path("code").asText()).isEqualTo("upstream_timeout");
    JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
    assertThat(trace.path("error").asText()).startsWith("upstream_timeout");
  }

  @Test
  void unreachableUpstreamIs502() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (GatewayHarness down = GatewayHarness.start(dataDir.resolve("down"),
        GatewayHarness.Options.defaults().withUpstream("http://127.0.0.1:" + closedPort + "/v1"))) {
      HttpResponse<Buffer> r = down.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"));
      assertThat(assertError(r, 502).path("code").asText()).isEqualTo("upstream_unreachable");
    }
  }

  private static JsonNode assertError(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("x-gateway-trace-id")).isNotBlank();
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    JsonNode error = GatewayHarness.readTree(r.bodyAsString()).path("error");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.has("type")).isTrue();
    assertThat(error.has("code")).isTrue();
    return error;
  }
}
