package gw.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away {@code redis-server} (Debian's; {@code ./gw test} installs it) on a free loopback port,
 * without persistence, for a test class: {@code @RegisterExtension static final RedisServer redis = new RedisServer();}.
 * {@link #kill()} and {@link #start()} let a test take it away and bring it back on the same port.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
  private static final long START_TIMEOUT_S = 20;
  private int port;
  private Process process;
  private Path dir;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("gw-redis");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    start();
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts it (again) and returns once it accepts connections, as its own log line says. */
  public synchronized void start() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
          if (!ready.isDone()) {
            seen.append(line).append('\n');
          }
          if (line.contains("Ready to accept connections")) {
            ready.complete(null);
          }
        }
        ready.completeExceptionally(new IllegalStateException("redis-server exited before it was ready:\n" + seen));
      } catch (IOException e) {
        ready.completeExceptionally(new UncheckedIOException(e));
      }
    }, "redis-server-log");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not start on port " + port, e);
    }
  }

  /** Empties it, so each test starts from nothing. */
  public void flushAll() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "FLUSHALL").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0 || !out.equals("OK")) {
      throw new IllegalStateException("redis-cli FLUSHALL answered: " + out);
    }
  }

  /** SIGKILL, as a crashed host would: its data is gone (no persistence), its port closed. */
  public synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
