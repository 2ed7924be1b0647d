package gw.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the seed corpus of nasty bodies ({@code src/test/resources/bad-input}: malformed,
 * truncated, duplicate keys, invalid UTF-8, deep nesting, huge arrays and numbers...) against every
 * endpoint that reads a body, data plane and admin, on every run, as Envoy replays its fuzz corpora.
 * Each answer is a client error in OpenAI's error shape with no stack trace in it, and the gateway
 * stays healthy. Files named {@code provider-judges-*} are valid JSON whose oddity is the provider's
 * to judge: they may also pass. A new finding goes into the folder as one more file.
 */
class BadInputCorpusTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  private static final List<String> DATA_PLANE = List.of("/v1/chat/completions", "/v1/embeddings");
  private static final List<String> ADMIN = List.of("/admin/replay", "/admin/replay/jobs", "/admin/traces/import",
      "/admin/breakers/PERFORMANCE_DEGRADATION", "/admin/incidents/inc-1/acknowledge",
      "/admin/incidents/inc-1/resolve", "/admin/prompts/faq-answer/versions", "/admin/prompts/faq-answer");

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    Path corpus = Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
    List<Path> files;
    try (Stream<Path> listed = Files.list(corpus)) {
      files = listed.sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(30);
    return files.stream().flatMap(f -> Stream.concat(DATA_PLANE.stream(), ADMIN.stream())
        .map(path -> Arguments.of(f.getFileName().toString(), path)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void aNastyBodyGetsAClientErrorInOpenAisShape(String file, String path) throws Exception {
    byte[] body = Files.readAllBytes(Path.of(BadInputCorpusTest.class.getResource("/bad-input/" + file).toURI()));
    boolean admin = path.startsWith("/admin/");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json")
        .add("Authorization", "Bearer " + (admin ? GatewayHarness.ADMIN_TOKEN : GatewayHarness.KEY));
    HttpResponse<Buffer> r = admin
        ? GatewayHarness.await(gw.http.request(HttpMethod.POST, gw.gateway.adminPort(), "127.0.0.1", path)
            .putHeaders(headers).sendBuffer(Buffer.buffer(body)))
        : gw.send(HttpMethod.POST, path, headers, Buffer.buffer(body));
    String answer = r.bodyAsString();
    assertThat(answer).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
    if (file.startsWith("provider-judges-") && !admin && r.statusCode() < 300) {
      return;
    }
    assertThat(r.statusCode()).as(answer).isBetween(400, 499);
    var error = GatewayHarness.readTree(answer).path("error");
    assertThat(error.path("message").isTextual()).as(answer).isTrue();
    assertThat(error.path("type").isTextual()).as(answer).isTrue();
  }

  @AfterAll
  static void theGatewayStaysHealthy() {
    HttpResponse<Buffer> models = gw.send(HttpMethod.GET, "/v1/models",
        MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + GatewayHarness.KEY), null);
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "still there?")).statusCode())
        .isEqualTo(200);
  }
}
