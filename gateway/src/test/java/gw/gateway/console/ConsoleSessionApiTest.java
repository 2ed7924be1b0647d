package gw.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.GatewayHarness;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's session over plain HTTP: JSON-only sign-in, the page's files' headers, a live stream that ends with its session. */
class ConsoleSessionApiTest {
  @TempDir
  static Path dataDir;
  static GatewayHarness gw;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.start(dataDir);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static HttpResponse<Buffer> signIn(String contentType, String body) {
    return GatewayHarness.await(gw.http.post(gw.gateway.adminPort(), "127.0.0.1", "/console/session")
        .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body)));
  }

  @Test
  void aFormPostCannotSignAnyoneInAndThePageIsServedLockedDown() {
    String token = new JsonObject().put("token", GatewayHarness.VIEWER_TOKEN).encode();
    assertThat(signIn("text/plain", token).statusCode()).isEqualTo(415);
    assertThat(signIn("application/x-www-form-urlencoded", "token=" + GatewayHarness.VIEWER_TOKEN).statusCode())
        .isEqualTo(415);
    HttpResponse<Buffer> ok = signIn("application/json", token);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.cookies()).singleElement().asString().containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
        .doesNotContain(GatewayHarness.VIEWER_TOKEN);
    assertThat(ok.bodyAsJsonObject().getString("role")).isEqualTo("viewer");

    HttpResponse<Buffer> page = GatewayHarness.await(gw.http.get(gw.gateway.adminPort(), "127.0.0.1", "/").send());
    assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
    assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.bodyAsString()).contains("Admin token").doesNotContain("gw-admin");
  }

  @Test
  void signingOutEndsTheOpenLiveStream() {
    HttpResponse<Buffer> in = signIn("application/json", new JsonObject().put("token", GatewayHarness.OPERATOR_TOKEN).encode());
    String cookie = in.cookies().get(0).split(";")[0];
    String csrf = in.bodyAsJsonObject().getString("csrf");
    HttpClient client = gw.vertx.createHttpClient();
    Promise<Buffer> ended = Promise.promise();
    Promise<Void> firstEvent = Promise.promise();
    Buffer received = Buffer.buffer();
    client.request(HttpMethod.GET, gw.gateway.adminPort(), "127.0.0.1", "/admin/live")
        .compose(req -> req.putHeader("Cookie", cookie).send())
        .onSuccess(resp -> {
          resp.handler(chunk -> {
            received.appendBuffer(chunk);
            firstEvent.tryComplete();
          });
          resp.endHandler(v -> ended.tryComplete(received));
        })
        .onFailure(ended::tryFail);
    GatewayHarness.await(firstEvent.future());
    assertThat(received.toString()).startsWith("event: snapshot\ndata: {");

    HttpResponse<Buffer> forged = GatewayHarness.await(gw.http.delete(gw.gateway.adminPort(), "127.0.0.1", "/console/session")
        .putHeader("Cookie", cookie).send());
    assertThat(forged.statusCode()).as("sign-out needs the CSRF token too").isEqualTo(403);
    HttpResponse<Buffer> out = GatewayHarness.await(gw.http.delete(gw.gateway.adminPort(), "127.0.0.1", "/console/session")
        .putHeader("Cookie", cookie).putHeader("x-csrf-token", csrf).send());
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(GatewayHarness.await(ended.future()).toString()).contains("event: snapshot");
    HttpResponse<Buffer> after = GatewayHarness.await(gw.http.get(gw.gateway.adminPort(), "127.0.0.1", "/admin/live?once=true")
        .putHeader("Cookie", cookie).send());
    assertThat(after.statusCode()).isEqualTo(401);
    GatewayHarness.await(client.close());
  }
}
