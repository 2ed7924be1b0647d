package gw.gateway.server;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.GatewayConfig;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The edge's timeouts and caps, against slow and greedy clients and an oversized answer: a client
 * that drips its headers is cut off, a body that never arrives gets 408, an idle keep-alive
 * connection is closed, requests beyond the in-flight cap get 503 with Retry-After, and a provider
 * answer beyond the size cap becomes a 502.
 */
class EdgeTimeoutsTest {
  private static final GatewayConfig.Limits LIMITS = new GatewayConfig.Limits(1 << 20, 400, 400, 600, 2, 512,
      4096, 1 << 20, 16L << 20, 1000);
  @RegisterExtension static final GatewaySystem system =
      GatewaySystem.with(GatewayHarness.Options.defaults().withLimits(LIMITS));
  static GatewayHarness gw;

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", gw.port());
    socket.setSoTimeout(10_000); // a bound on the test, far above the limits under test
    return socket;
  }

  /** Reads until the gateway closes the connection; what it said before closing. */
  private static String untilClosed(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void aClientDrippingItsHeadersIsDisconnectedAtTheHeaderTimeout() throws Exception {
    double before = gw.metric("gw_edge_rejected_total{reason=\"header_timeout\"}");
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\n".getBytes(StandardCharsets.ISO_8859_1));
      long start = System.nanoTime();
      boolean closed = false;
      // One more header line every 100 ms, as slowloris does, for up to 5 s: each byte resets any idle timer.
      for (int i = 0; i < 50 && !closed; i++) {
        try {
          out.write(("x-drip-" + i + ": v\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          socket.setSoTimeout(100);
          closed = socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
          // the gateway said nothing yet: drip on
        } catch (IOException reset) {
          closed = true;
        }
      }
      assertThat(closed).as("connection closed while the headers were still dripping").isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
    }
    assertThat(gw.metric("gw_edge_rejected_total{reason=\"header_timeout\"}")).isEqualTo(before + 1);
  }

  @Test
  void aBodyThatNeverArrivesGets408InOpenAisShapeAndTheConnectionCloses() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer "
          + GatewayHarness.KEY + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"model\":")
          .getBytes(StandardCharsets.ISO_8859_1));
      String answer = untilClosed(socket);
      assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"request_timeout\"")
          .containsIgnoringCase("connection: close");
    }
    assertThat(gw.metric("gw_edge_rejected_total{reason=\"body_timeout\"}")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("GET /v1/models HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String all = untilClosed(socket); // the answer, then the close once the connection idled
      assertThat(all).startsWith("HTTP/1.1 401"); // no key: answered, and the connection kept alive until idle
    }
  }

  @Test
  void requestsBeyondTheInFlightCapGet503WithRetryAfterAndAreCounted() {
    double before = gw.metric("gw_edge_rejected_total{reason=\"in_flight\"}");
    List<Future<HttpResponse<Buffer>>> slow = List.of(
        gw.postAsync("/v1/chat/completions", chat("gpt-4o-mini", "one"), "x-mock-chaos", "latency=1500"),
        gw.postAsync("/v1/chat/completions", chat("gpt-4o-mini", "two"), "x-mock-chaos", "latency=1500"));
    awaitInFlight(2);
    HttpResponse<Buffer> refused = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "three"));
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(GatewayHarness.readTree(refused.bodyAsString()).path("error").path("code").asText())
        .isEqualTo("gateway_overloaded");
    for (Future<HttpResponse<Buffer>> f : slow) {
      assertThat(GatewayHarness.await(f).statusCode()).isEqualTo(200);
    }
    assertThat(gw.metric("gw_edge_rejected_total{reason=\"in_flight\"}")).isEqualTo(before + 1);
  }

  @Test
  void aProviderAnswerBeyondTheSizeCapIsA502NotABufferedGiant() {
    HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "What is the refund window?"),
        "x-mock-chaos", "token_blowup=40");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(GatewayHarness.readTree(r.bodyAsString()).path("error").path("code").asText())
        .isEqualTo("upstream_response_too_large");
  }

  /** Polls the in-flight gauge (no fixed sleep): both slow requests must be inside before the third. */
  private static void awaitInFlight(int n) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (gw.metric("gw_requests_in_flight") < n) {
      assertThat(System.nanoTime()).as("%d requests in flight within 5 s", n).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
