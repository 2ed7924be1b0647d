package gw.gateway.server;

import static gw.gateway.testing.GatewayHarness.await;
import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.openai.StreamedAnswer;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SSE goes through byte for byte, chunk by chunk, and breaks propagate both ways. */
class StreamingRelayTest {
  // Real per-model timing so a stream takes long enough to observe in flight.
  @RegisterExtension static final GatewaySystem system =
      GatewaySystem.with(GatewayHarness.Options.defaults().withMockTimeScale(1.0));
  static GatewayHarness gw;
  static HttpClient client;

  @BeforeAll
  static void start() {
    client = gw.vertx.createHttpClient();
  }

  private record Received(int status, String traceId, List<Buffer> chunks, List<Long> arrivalNanos, Throwable error) {
    String body() {
      Buffer all = Buffer.buffer();
      chunks.forEach(all::appendBuffer);
      return all.toString();
    }
  }

  private static Future<Received> stream(int port, String path, JsonObject body, String chaos, String auth) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(path).putHeader("Content-Type", "application/json");
    if (auth != null) {
      options.putHeader("Authorization", auth);
    }
    if (chaos != null) {
      options.putHeader("x-mock-chaos", chaos);
    }
    return client.request(options).compose(req -> req.send(body.toBuffer())).compose(resp -> collect(resp));
  }

  private static Future<Received> collect(HttpClientResponse resp) {
    Promise<Received> done = Promise.promise();
    List<Buffer> chunks = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    resp.handler(b -> {
      chunks.add(b);
      times.add(System.nanoTime());
    });
    resp.exceptionHandler(err -> done.tryComplete(
        new Received(resp.statusCode(), resp.getHeader("x-gateway-trace-id"), chunks, times, err)));
    resp.endHandler(v -> done.tryComplete(
        new Received(resp.statusCode(), resp.getHeader("x-gateway-trace-id"), chunks, times, null)));
    return done.future();
  }

  private static JsonObject streamingChat(String model) {
    return chat(model, "Tell me everything about the refund policy and the premium plan")
        .put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
  }

  @Test
  void withTheLeakScanOffTheStreamArrivesByteForByteAsTheMockSendsIt() {
    setDataIncidentMode("forced_closed");
    try {
      JsonObject body = streamingChat("gpt-4o-mini");
      Received direct = await(stream(gw.mock.actualPort(), "/v1/chat/completions", body, null, null));
      Received viaGateway = await(stream(gw.port(), "/v1/chat/completions", body, null,
          "Bearer " + GatewayHarness.KEY));
      assertThat(viaGateway.status()).isEqualTo(200);
      assertThat(viaGateway.error()).isNull();
      assertThat(stripIds(viaGateway.body())).isEqualTo(stripIds(direct.body()));
      assertThat(viaGateway.body()).endsWith("data: [DONE]\n\n");
    } finally {
      setDataIncidentMode("auto");
    }
  }

  @Test
  void withTheLeakScanOnTheStreamCarriesTheSameTextUsageAndEnd() {
    JsonObject body = streamingChat("gpt-4o-mini");
    Received direct = await(stream(gw.mock.actualPort(), "/v1/chat/completions", body, null, null));
    Received viaGateway = await(stream(gw.port(), "/v1/chat/completions", body, null,
        "Bearer " + GatewayHarness.KEY));
    assertThat(viaGateway.error()).isNull();
    var sent = StreamedAnswer.parse(List.of(Buffer.buffer(direct.body())),
        GatewayHarness.JSON);
    var got = StreamedAnswer.parse(List.of(Buffer.buffer(viaGateway.body())),
        GatewayHarness.JSON);
    assertThat(got.content()).isEqualTo(sent.content());
    assertThat(got.usage()).isEqualTo(sent.usage());
    assertThat(got.finishReason()).isEqualTo("stop");
    assertThat(viaGateway.body()).endsWith("data: [DONE]\n\n");
  }

  private static void setDataIncidentMode(String mode) {
    assertThat(gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", mode)
        .put("reason", "relay test"), GatewayHarness.OPERATOR_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void chunksAreForwardedAsTheyArriveNotBufferedWhole() {
    Received r = await(stream(gw.port(), "/v1/chat/completions", streamingChat("gpt-4o"), null,
        "Bearer " + GatewayHarness.KEY));
    assertThat(r.chunks().size()).isGreaterThan(3);
    long spreadMs = (r.arrivalNanos().get(r.arrivalNanos().size() - 1) - r.arrivalNanos().get(0)) / 1_000_000;
    // The mock paces gpt-4o tokens over hundreds of ms; a buffering proxy would deliver them at once.
    assertThat(spreadMs).isGreaterThan(100);
  }

  @Test
  void truncatedUpstreamStreamEndsWithAnErrorEventAndIsTracedAsError() {
    Received r = await(stream(gw.port(), "/v1/chat/completions", streamingChat("mock-fast"), "truncate_stream",
        "Bearer " + GatewayHarness.KEY));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("[DONE]").doesNotContain("\"finish_reason\":\"stop\"");
    String[] events = r.body().trim().split("\n\n");
    assertThat(events[events.length - 1]).startsWith("data: {\"error\":").contains("upstream_stream_truncated");
    JsonNode trace = gw.trace(r.traceId());
    assertThat(trace.path("status").asText()).isEqualTo("error");
    assertThat(trace.path("error").asText()).startsWith("upstream_stream");
  }

  @Test
  void clientDisconnectMidStreamCancelsTheUpstreamRequest() {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(gw.port())
        .setURI("/v1/chat/completions").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + GatewayHarness.KEY);
    HttpClient oneShot = gw.vertx.createHttpClient();
    Promise<String> firstChunk = Promise.promise();
    await(oneShot.request(options).compose(req -> req.send(streamingChat("gpt-4o").toBuffer())).map(resp -> {
      resp.handler(b -> {
        if (firstChunk.tryComplete(resp.getHeader("x-gateway-trace-id"))) {
          resp.request().connection().close();
        }
      });
      return null;
    }));
    String traceId = await(firstChunk.future());
    // Uncancelled, the mock would finish its paced answer and record completed=true.
    assertThat(gw.awaitMockCompletion(traceId)).isFalse();
    JsonNode trace = gw.trace(traceId);
    assertThat(trace.path("status").asText()).isEqualTo("error");
    assertThat(trace.path("error").asText()).isEqualTo("client_disconnected");
  }

  /** Completion ids and timestamps differ per call; everything else must match. */
  private static String stripIds(String sse) {
    return sse.replaceAll("\"id\":\"[^\"]+\"", "\"id\":\"x\"").replaceAll("\"created\":\\d+", "\"created\":0");
  }
}
