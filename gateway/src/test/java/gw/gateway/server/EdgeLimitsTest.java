package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.GatewayConfig;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The edge, spoken to over a raw socket so nothing normalises the request: header limits. */
class EdgeLimitsTest {
  /** A short header timeout: a connection the server answered 431 itself is closed by it, not by the test. */
  @RegisterExtension static final GatewaySystem system = GatewaySystem.with(GatewayHarness.Options.defaults()
      .withLimits(new GatewayConfig.Limits(1 << 20, 500, 30_000, 60_000, 1024, 512, 32L << 20, 1 << 20, 16L << 20,
          1000)));
  static GatewayHarness gw;

  /** Sends the request head (and body) as given, returns everything the gateway answers before closing. */
  private static String exchange(String head, String body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", gw.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String requestWith(int extraHeaders, int paddingBytes) {
    StringBuilder head = new StringBuilder("POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n"
        + "Content-Length: 2\r\n");
    for (int i = 0; i < extraHeaders; i++) {
      head.append("x-extra-").append(i).append(": v\r\n");
    }
    if (paddingBytes > 0) {
      head.append("x-padding: ").append("p".repeat(paddingBytes)).append("\r\n");
    }
    return head.toString();
  }

  @Test
  void moreThanAHundredHeaderFieldsGet431InOpenAisShape() throws IOException {
    String refused = exchange(requestWith(98, 0), "{}"); // 3 of its own + 98 = 101
    assertThat(refused).startsWith("HTTP/1.1 431").contains("\"code\":\"request_header_fields_too_large\"");
    String admitted = exchange(requestWith(97, 0), "{}"); // 100: passes the edge, then has no key
    assertThat(admitted).startsWith("HTTP/1.1 401");
  }

  @Test
  void headersBeyond60KiBGet431AndBelowPass() throws IOException {
    assertThat(exchange(requestWith(0, 62 * 1024), "{}")).startsWith("HTTP/1.1 431");
    assertThat(exchange(requestWith(0, 50 * 1024), "{}")).startsWith("HTTP/1.1 401");
  }

  @Test
  void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() throws IOException {
    String smuggling = "POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + GatewayHarness.KEY
        + "\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n";
    String refused = exchange(smuggling, "2\r\n{}\r\n0\r\n\r\nGET /v1/models HTTP/1.1\r\nHost: gw\r\n\r\n");
    assertThat(refused).startsWith("HTTP/1.1 400").contains("\"code\":\"conflicting_framing\"")
        .containsIgnoringCase("connection: close");
    assertThat(refused.split("HTTP/1.1 ", -1)).hasSize(2); // one answer: the smuggled request was never read
    assertThat(gw.metric("gw_edge_rejected_total{reason=\"framing\"}")).isGreaterThanOrEqualTo(1);
  }
}
