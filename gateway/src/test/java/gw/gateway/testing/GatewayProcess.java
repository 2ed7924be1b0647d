package gw.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.cli.Main;
import gw.gateway.config.ConfigSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code gw up} (the mock LLM answering at once, and the gateway) in a JVM of its own, on free ports,
 * for what only a separate process can show: a SIGKILL, a file-size limit. Its ports come from the
 * banner it prints; everything it prints is kept for failure messages.
 */
public final class GatewayProcess implements AutoCloseable {
  public static final String KEY = "gw-demo-key";
  public static final String ADMIN_TOKEN = "gw-admin-demo";
  private static final Pattern GATEWAY_LINE = Pattern.compile("^gateway +http://127\\.0\\.0\\.1:(\\d+)/v1");
  private static final Pattern ADMIN_LINE = Pattern.compile("^admin API +http://127\\.0\\.0\\.1:(\\d+)/admin");
  private static final long START_SECONDS = 60;

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private int port;
  private int adminPort;

  private GatewayProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code gw up} on {@code dataDir} with the config files in {@code configDir}; returns once it serves. */
  public static GatewayProcess up(Path dataDir, Path configDir) throws Exception {
    ProcessBuilder builder = JavaCommand.of(List.of("-Xmx512m"), Main.class, "up",
        "--port", "0", "--admin-port", "0", "--mock-port", "0", "--time-scale", "0",
        "--data-dir", dataDir.toString(), "--config-dir", configDir.toString());
    GatewayProcess gw = new GatewayProcess(builder.start());
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread reader = new Thread(() -> gw.readOutput(started), "gateway-process-output");
    reader.setDaemon(true);
    reader.start();
    try {
      started.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      gw.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("gw up did not start: " + e + "\n" + gw.output(), e);
    }
    return gw;
  }

  /**
   * A copy of the project's {@code config/} with the demo key's rate limits lifted (as
   * {@code bench/load-config} does), so load measures the gateway rather than a 429.
   */
  public static Path loadConfig(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "config"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    JsonNode budgets = new ConfigSource(dir).withEdits("budgets.json",
        Map.of("/rate_limits/keys/demo/rpm", 100_000_000, "/rate_limits/keys/demo/tpm", 2_000_000_000)).read("budgets.json");
    Files.writeString(dir.resolve("budgets.json"), budgets.toPrettyString());
    return dir;
  }

  private void readOutput(CompletableFuture<Void> started) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.append(line).append('\n');
        Matcher g = GATEWAY_LINE.matcher(line);
        Matcher a = ADMIN_LINE.matcher(line);
        if (g.find()) {
          port = Integer.parseInt(g.group(1));
        } else if (a.find()) {
          adminPort = Integer.parseInt(a.group(1));
          started.complete(null); // the banner's last line: both ports are known
        }
      }
    } catch (IOException e) {
      started.completeExceptionally(e);
    }
    started.completeExceptionally(new IllegalStateException("the process ended before its banner"));
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public int adminPort() {
    return adminPort;
  }

  /** Everything the process printed so far. */
  public String output() {
    return output.toString();
  }

  /** A chat completion with the demo key and extra headers (name, value, ...). */
  public HttpResponse<String> chat(String userMessage, String... headers) throws IOException, InterruptedException {
    String body = GatewayHarness.chat("gpt-4o-mini", userMessage).encode();
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      req.header(headers[i], headers[i + 1]);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET on the admin port with the demo admin token. */
  public HttpResponse<String> admin(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(adminRequest(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET on the admin port that must answer 200; its JSON body. */
  public JsonNode adminJson(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = admin(pathAndQuery);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return GatewayHarness.readTree(r.body());
  }

  public HttpResponse<String> adminPost(String path, String json) throws IOException, InterruptedException {
    return http.send(adminRequest(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One unlabelled counter or gauge from {@code /metrics}, e.g. {@code gw_traces_dropped_total}. */
  public double metric(String name) throws IOException, InterruptedException {
    return MetricsText.required(admin("/metrics").body(), name);
  }

  private HttpRequest.Builder adminRequest(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + pathAndQuery))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ADMIN_TOKEN);
  }

  /**
   * Sets the process's soft file-size limit (RLIMIT_FSIZE, with util-linux's {@code prlimit}): a write
   * that would grow a file past {@code bytes} fails (EFBIG; the JVM ignores SIGXFSZ), as on a full
   * disk. {@code "unlimited"} lifts it again.
   */
  public void limitFileSize(String bytes) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid()), "--fsize=" + bytes + ":")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("prlimit --fsize=" + bytes + " failed: " + out);
    }
  }

  /** SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no flush. Returns the exit code. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("gw up survived a SIGKILL for 30 s");
    }
    return process.exitValue();
  }

  /** Stops it as Ctrl-C does (SIGTERM: the shutdown hook closes the stores); SIGKILL if that takes over 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
