package gw.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gw up --log-format json} in its own JVM (logging is set once per process): stdout is JSON
 * lines only, the access line carries the trace id of the response header, and neither a planted
 * secret nor the prompt's text appears anywhere in the output.
 */
class JsonLogsTest {
  private static final String SECRET = "sk-proj-" + "Lg4Kp8Zw".repeat(3);
  private static final String PROMPT = "Summarise the refund policy for order 88123, please";

  @TempDir Path dataDir;

  @Test
  void stdoutIsJsonLinesWithAnAccessLinePerRequestAndNoContent() throws Exception {
    Process gw = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "gw.gateway.cli.Main", "up", "--port", "0", "--admin-port", "0",
        "--mock-port", "0", "--data-dir", dataDir.toString(), "--log-format", "json")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(gw.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
    });
    reader.start();
    List<String> seen = new ArrayList<>();
    try {
      JsonNode started = await(lines, seen, l -> "gateway started".equals(l.path("message").asText()));
      int port = started.path("port").asInt();
      assertThat(port).isPositive();

      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
          .header("Authorization", "Bearer gw-demo-key").header("Content-Type", "application/json")
          .header("x-request-id", "req-json-logs")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
              + "\"content\":\"" + PROMPT + " (my key is " + SECRET + ")\"}]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      String traceId = response.headers().firstValue("x-gateway-trace-id").orElseThrow();

      JsonNode access = await(lines, seen, l -> traceId.equals(l.path("trace_id").asText()));
      assertThat(access.path("logger").asText()).isEqualTo(AccessLog.LOGGER);
      assertThat(access.path("level").asText()).isEqualTo("INFO");
      assertThat(access.path("request_id").asText()).isEqualTo("req-json-logs");
      assertThat(access.path("tenant").asText()).isEqualTo("demo");
      assertThat(access.path("route").asText()).isEqualTo("/v1/chat/completions");
      assertThat(access.path("status").asInt()).isEqualTo(200);
      assertThat(access.path("model_requested").asText()).isEqualTo("gpt-4o-mini");
      assertThat(access.path("prompt_tokens").asInt()).isPositive();
      assertThat(access.path("latency_ms").asDouble()).isPositive();
      assertThat(access.path("trace_kept").asBoolean()).isTrue();
      assertThat(access.has("time")).isTrue();
    } finally {
      gw.destroy();
      assertThat(gw.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
    }
    lines.drainTo(seen);
    for (String line : seen) {
      assertThat(Json.MAPPER.readTree(line).isObject()).as(line).isTrue();
      assertThat(line).doesNotContain(SECRET).doesNotContain("Lg4Kp8Zw").doesNotContain("refund policy for order");
    }
  }

  /** Reads lines (each must be a JSON object) until one matches, up to 60 s. */
  private static JsonNode await(BlockingQueue<String> lines, List<String> seen, Predicate<JsonNode> wanted)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        continue;
      }
      seen.add(line);
      JsonNode json = Json.MAPPER.readTree(line);
      if (wanted.test(json)) {
        return json;
      }
    }
    throw new AssertionError("no matching log line within 60 s; seen: " + seen);
  }
}
