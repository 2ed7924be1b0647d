package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Credentials are checked before any body is read: a stranger's body is never parsed or stored, and
 * an admin caller without the role gets 403 before the route reads what it sent.
 */
class CredentialsBeforeBodyTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  private static HttpResponse<Buffer> send(HttpMethod method, int port, String path, String auth, String contentType,
      Buffer body) {
    var request = gw.http.request(method, port, "127.0.0.1", path);
    if (auth != null) {
      request.putHeader("Authorization", auth);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return GatewayHarness.await(request.sendBuffer(body));
  }

  @Test
  void aRequestWithoutAValidKeyIsRefusedBeforeItsBodyIsParsed() {
    HttpResponse<Buffer> noKey = send(HttpMethod.POST, gw.port(), "/v1/chat/completions", null, "application/json",
        Buffer.buffer("{this is not json"));
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("invalid_api_key");

    HttpResponse<Buffer> wrongKey = send(HttpMethod.POST, gw.port(), "/v1/chat/completions", "Bearer gw-wrong-key-123",
        "application/json", Buffer.buffer("{also not json"));
    assertThat(wrongKey.statusCode()).isEqualTo(401);
  }

  @Test
  void aStrangersBodyIsNeverStored() {
    String secretPrompt = "my card is 4111 1111 1111 1111 and " + "x".repeat(200_000);
    HttpResponse<Buffer> r = send(HttpMethod.POST, gw.port(), "/v1/chat/completions", null, "application/json",
        Buffer.buffer("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + secretPrompt
            + "\"}]}"));
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
    assertThat(trace.path("http_status").asInt()).isEqualTo(401);
    assertThat(trace.has("request")).isFalse();
    assertThat(trace.has("input_text")).isFalse();
    assertThat(trace.toString().length()).isLessThan(5_000);
  }

  @Test
  void anAdminCallerWithoutTheRoleIsRefusedBeforeTheBodyIsRead() {
    // 20 KiB is over the route's 16 KiB limit: reading it first would answer 413.
    HttpResponse<Buffer> viewer = send(HttpMethod.POST, gw.gateway.adminPort(), "/admin/breakers/COST_SPIKE",
        "Bearer " + GatewayHarness.BETA_VIEWER_TOKEN, "application/json", Buffer.buffer("x".repeat(20 * 1024)));
    assertThat(viewer.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> operator = send(HttpMethod.POST, gw.gateway.adminPort(), "/admin/breakers/COST_SPIKE",
        "Bearer " + GatewayHarness.OPERATOR_TOKEN, "application/json", Buffer.buffer("x".repeat(20 * 1024)));
    assertThat(operator.statusCode()).isEqualTo(413);
  }

  @Test
  void anAdminPostWithoutAContentTypeWritesNothingToDisk() {
    Path uploads = Path.of("file-uploads");
    assertThat(uploads).doesNotExist();
    HttpResponse<Buffer> r = send(HttpMethod.POST, gw.gateway.adminPort(), "/admin/incidents/INC-1/acknowledge",
        "Bearer " + GatewayHarness.OPERATOR_TOKEN, null, Buffer.buffer("note=hello"));
    assertThat(r.statusCode()).isBetween(400, 404);
    assertThat(Files.exists(uploads)).isFalse();
  }
}
