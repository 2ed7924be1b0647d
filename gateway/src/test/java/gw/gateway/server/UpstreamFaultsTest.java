package gw.gateway.server;

import static gw.gateway.testing.FaultyProvider.LAST_CHUNK;
import static gw.gateway.testing.FaultyProvider.chunk;
import static gw.gateway.testing.FaultyProvider.event;
import static gw.gateway.testing.FaultyProvider.streamHead;
import static gw.gateway.testing.FaultyProvider.whole;
import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import gw.gateway.openai.StreamedAnswer;
import gw.gateway.testing.FaultyProvider;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that fails the way real ones do, behind the real gateway: the client gets a complete
 * answer or a clean error (for a stream: an error event, then the end), never a silent 200 or a
 * made-up finish; the provider's account details and the gateway's network never reach it.
 */
class UpstreamFaultsTest {
  @TempDir static Path dataDir;
  static FaultyProvider provider;
  static GatewayHarness gw;

  @BeforeAll
  static void start() throws IOException {
    provider = new FaultyProvider();
    // Faults on purpose, many in a row: the PERFORMANCE_DEGRADATION breaker must not step in between tests.
    gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults().withTimeoutMs(1_500)
        .withUpstream(provider.baseUrl())
        .withConfig("breakers.json", java.util.Map.of("/PERFORMANCE_DEGRADATION/max_failures", 1_000_000)));
  }

  @AfterAll
  static void stop() throws IOException {
    gw.close();
    provider.close();
  }

  private static HttpResponse<Buffer> streamingChat(String... headers) {
    JsonObject body = chat("gpt-4o-mini", "What is the refund window?").put("stream", true);
    return gw.post("/v1/chat/completions", body, headers);
  }

  private static JsonNode errorEvent(String sse) {
    String[] events = sse.split("\n\n");
    String last = events[events.length - 1].trim();
    assertThat(last).startsWith("data: ");
    return GatewayHarness.readTree(last.substring("data: ".length())).path("error");
  }

  /** A stream as the client receives it; {@code firstBytes} opens when its first bytes arrive. */
  private record Streamed(int status, String traceId, String body) {}

  private static Streamed streamingChat(CountDownLatch firstBytes) {
    JsonObject body = chat("gpt-4o-mini", "What is the refund window?").put("stream", true);
    HttpClient client = gw.vertx.createHttpClient();
    try {
      return GatewayHarness.await(client.request(HttpMethod.POST, gw.port(), "127.0.0.1", "/v1/chat/completions")
          .compose(request -> request.putHeader("Authorization", "Bearer " + GatewayHarness.KEY)
              .putHeader("Content-Type", "application/json").send(body.toBuffer()))
          .compose(response -> {
            Buffer all = Buffer.buffer();
            response.handler(bytes -> {
              all.appendBuffer(bytes);
              firstBytes.countDown();
            });
            return response.end().map(v -> new Streamed(response.statusCode(),
                response.getHeader(ProxyHandler.TRACE_HEADER), all.toString()));
          }));
    } finally {
      client.close();
    }
  }

  @Test
  void aStreamResetMidAnswerEndsWithAnErrorEventNotASilentStop() {
    CountDownLatch firstBytes = new CountDownLatch(1);
    provider.script((socket, out) -> {
      out.write(streamHead());
      out.write(chunk(event("Refunds take ", null).getBytes(StandardCharsets.UTF_8)));
      out.flush();
      // Reset only once the client has the first event: a reset discards whatever the gateway had not read.
      assertThat(firstBytes.await(10, TimeUnit.SECONDS)).isTrue();
      FaultyProvider.reset(socket);
    });
    Streamed r = streamingChat(firstBytes);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("Refunds").doesNotContain("[DONE]").doesNotContain("\"finish_reason\":\"stop\"");
    assertThat(errorEvent(r.body()).path("code").asText()).isEqualTo("upstream_stream_truncated");
    assertThat(gw.trace(r.traceId()).path("error").asText()).startsWith("upstream_stream_truncated");
  }

  @Test
  void aStreamThatEndsCleanlyWithoutDoneIsAnErrorForTheOpenAiSdk() {
    provider.script((socket, out) -> {
      out.write(streamHead());
      out.write(chunk(event("Refunds take 30 days", null).getBytes(StandardCharsets.UTF_8)));
      out.write(LAST_CHUNK); // a clean end of the HTTP body, but no finish and no [DONE]
    });
    HttpResponse<Buffer> raw = streamingChat();
    assertThat(errorEvent(raw.bodyAsString()).path("code").asText()).isEqualTo("upstream_stream_truncated");

    var params = ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).addUserMessage("refunds?").build();
    assertThatThrownBy(() -> {
      try (var stream = gw.openAiClient().chat().completions().createStreaming(params)) {
        stream.stream().forEach(chunk -> { });
      }
    }).isInstanceOf(com.openai.errors.OpenAIException.class).hasMessageContaining("ended before the answer was complete");
  }

  @Test
  void aMultiByteCharacterSplitAtEveryByteOffsetArrivesWhole() {
    String text = "Gr\u00fc\u00dfe aus \u6771\u4eac \ud83d\ude42 caf\u00e9 \u20ac";
    byte[] first = event(text, null).getBytes(StandardCharsets.UTF_8);
    byte[] rest = (event("", "stop") + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < first.length; cut++) {
      int at = cut;
      provider.script((socket, out) -> {
        out.write(streamHead());
        out.write(chunk(Arrays.copyOf(first, at)));
        out.flush();
        // Shapes the fault, synchronises nothing: a pause makes two TCP segments, so the gateway most likely
        // reads the halves apart (nothing it does is visible while it holds half an event); the assertions
        // hold either way.
        Thread.sleep(2);
        out.write(chunk(Arrays.copyOfRange(first, at, first.length)));
        out.write(chunk(rest));
        out.write(LAST_CHUNK);
      });
      HttpResponse<Buffer> r = streamingChat();
      StreamedAnswer answer = StreamedAnswer.parse(List.of(r.body()), GatewayHarness.JSON);
      assertThat(answer.content()).as("split at byte %d", at).isEqualTo(text);
      assertThat(answer.done()).isTrue();
    }
  }

  @Test
  void aStreamThatGoesSilentEndsWithATimeoutErrorEvent() {
    provider.script((socket, out) -> {
      out.write(streamHead());
      out.write(chunk(event("Refunds", null).getBytes(StandardCharsets.UTF_8)));
      out.flush();
      // Silent until the gateway gives up on it (idle timeout 1.5 s) and closes the connection; 10 s at most.
      socket.setSoTimeout(10_000);
      socket.getInputStream().read();
    });
    HttpResponse<Buffer> r = streamingChat();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(errorEvent(r.bodyAsString()).path("code").asText()).isEqualTo("upstream_stream_timeout");
  }

  @Test
  void aBodyThatDripsPastTheDeadlineIs504() {
    provider.script((socket, out) -> {
      out.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 400\r\nconnection: close\r\n\r\n{\"id\":"
          .getBytes(StandardCharsets.ISO_8859_1));
      for (int i = 0; i < 100; i++) { // a byte every 100 ms: never idle, never done
        out.write(' ');
        out.flush();
        Thread.sleep(100); // the fault itself: a provider paced slower than the deadline, never idle
      }
    });
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"));
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(code(r)).isEqualTo("upstream_timeout");
  }

  @Test
  void invalidJsonAndTheWrongContentTypeAre502WithoutTheProvidersAddress() {
    provider.script((socket, out) -> out.write(whole(200, "application/json", "", "{\"id\":\"c1\",\"choi")));
    HttpResponse<Buffer> truncated = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"));
    assertThat(truncated.statusCode()).isEqualTo(502);
    assertThat(code(truncated)).isEqualTo("upstream_invalid_response");

    provider.script((socket, out) -> out.write(whole(200, "text/html", "", "<html>maintenance</html>")));
    HttpResponse<Buffer> html = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"));
    assertThat(html.statusCode()).isEqualTo(502);
    assertThat(html.bodyAsString()).doesNotContain("127.0.0.1").doesNotContain("maintenance");
  }

  @Test
  void a429StormIsRetriedThenAnsweredInTheGatewaysWordsWithoutTheProvidersAccountHeaders() {
    int before = provider.requests();
    provider.script((socket, out) -> out.write(whole(429, "application/json",
        "retry-after: 0\r\nx-ratelimit-limit-requests: 500\r\nx-ratelimit-remaining-tokens: 0\r\n"
            + "openai-organization: org-acme-internal\r\nset-cookie: __cf_bm=abc\r\n",
        "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization org-acme-internal on requests "
            + "per min (RPM): Limit 500\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")));
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(provider.requests() - before).isEqualTo(3); // forward.json: three tries on a 429
    assertThat(r.getHeader("retry-after")).isEqualTo("0");
    assertThat(r.headers().names()).noneMatch(h -> h.toLowerCase().startsWith("x-ratelimit"))
        .noneMatch(h -> h.equalsIgnoreCase("openai-organization")).noneMatch(h -> h.equalsIgnoreCase("set-cookie"));
    assertThat(r.bodyAsString()).doesNotContain("org-acme-internal");
    assertThat(code(r)).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void aProvider401NeverEchoesTheProviderKeyFragment() {
    provider.script((socket, out) -> out.write(whole(401, "application/json", "",
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****wxyz. You can find your API key at "
            + "https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,"
            + "\"code\":\"invalid_api_key\"}}")));
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(code(r)).isEqualTo("upstream_auth_failed");
    assertThat(r.bodyAsString()).doesNotContain("sk-proj").doesNotContain("wxyz");
  }

  @Test
  void aProvider400KeepsItsMessageForTheClientRedactedAndItsParam() {
    provider.script((socket, out) -> out.write(whole(400, "application/json", "",
        "{\"error\":{\"message\":\"Invalid value for 'temperature' sent by ops@acme-internal.com\","
            + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}")));
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = GatewayHarness.readTree(r.bodyAsString()).path("error");
    assertThat(error.path("message").asText()).startsWith("Invalid value for 'temperature'")
        .doesNotContain("ops@acme-internal.com");
    assertThat(error.path("param").asText()).isEqualTo("temperature");
    assertThat(error.path("code").asText()).isEqualTo("invalid_value");
  }

  @Test
  void onlyAllowlistedClientHeadersReachTheProvider() {
    provider.script((socket, out) -> out.write(whole(200, "application/json", "", completion())));
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"),
        "OpenAI-Organization", "org-someone-else", "OpenAI-Project", "proj_x", "Cookie", "session=1",
        "x-user-id", "u-42", "x-internal-debug", "1", "User-Agent", "acme-app/1.0", "Idempotency-Key", "k-1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(provider.lastHeaders()).doesNotContainKeys("openai-organization", "openai-project", "cookie",
        "x-user-id", "x-internal-debug")
        .containsEntry("user-agent", "acme-app/1.0").containsEntry("idempotency-key", "k-1")
        .containsEntry("authorization", "Bearer " + GatewayHarness.PROVIDER_KEY);
  }

  @Test
  void aRefusedConnectionIs502WithoutTheProvidersAddress(@TempDir Path otherDir) throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (GatewayHarness refused = GatewayHarness.start(otherDir, GatewayHarness.Options.defaults()
        .withUpstream("http://127.0.0.1:" + closedPort + "/v1"))) {
      HttpResponse<Buffer> r = refused.post("/v1/chat/completions", chat("gpt-4o-mini", "hi"));
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(code(r)).isEqualTo("upstream_unreachable");
      assertThat(r.bodyAsString()).doesNotContain("127.0.0.1").doesNotContain(String.valueOf(closedPort));
    }
  }

  private static String code(HttpResponse<Buffer> r) {
    return GatewayHarness.readTree(r.bodyAsString()).path("error").path("code").asText();
  }

  private static String completion() {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";
  }
}
