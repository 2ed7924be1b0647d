package gw.gateway.alerting;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.RecordingEndpoint;
import gw.traces.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alert path with the real tools (Debian's prometheus and prometheus-alertmanager, which
 * ./gw test installs): Prometheus scrapes a gateway whose provider answers 429 (mock chaos), evaluates
 * the shipped operations.yml (its expressions as shipped; only the {@code for:} waits removed and the
 * intervals cut to a second), Alertmanager routes the alert, and it arrives at a webhook.
 */
class AlertingEndToEndTest {
  @TempDir Path work;

  @Test
  void aThrottlingProviderRaisesTheShippedAlertAndItReachesAWebhook() throws Exception {
    List<Process> tools = new ArrayList<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    try (RecordingEndpoint webhook = new RecordingEndpoint("/alerts");
        GatewayHarness gw = GatewayHarness.start(work.resolve("data"))) {
      int prometheusPort = freePort();
      int alertmanagerPort = freePort();
      Path rules = work.resolve("operations.yml");
      Files.writeString(rules, Files.readString(Path.of("..", "config", "prometheus", "operations.yml"))
          .replaceAll("(?m)^\\s+for: .*\\n", ""));
      Path prometheusConfig = work.resolve("prometheus.yml");
      Files.writeString(prometheusConfig, """
          global: {scrape_interval: 1s, evaluation_interval: 1s}
          rule_files: [%s]
          alerting:
            alertmanagers: [{static_configs: [{targets: ["127.0.0.1:%d"]}]}]
          scrape_configs:
            - job_name: llm-gateway
              static_configs: [{targets: ["127.0.0.1:%d"]}]
          """.formatted(rules, alertmanagerPort, gw.gateway.adminPort()));
      Path alertmanagerConfig = work.resolve("alertmanager.yml");
      Files.writeString(alertmanagerConfig, """
          route: {receiver: hook, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
          receivers:
            - name: hook
              webhook_configs: [{url: "%s/alerts"}]
          """.formatted(webhook.base()));
      tools.add(start("prometheus-alertmanager", "--config.file=" + alertmanagerConfig,
          "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=",
          "--storage.path=" + work.resolve("am")));
      tools.add(start("prometheus", "--config.file=" + prometheusConfig,
          "--web.listen-address=127.0.0.1:" + prometheusPort, "--storage.tsdb.path=" + work.resolve("tsdb")));

      // Five requests a second the provider refuses with 429 (paced: the key's own limit is 600 a
      // minute, and requests it refuses never reach the provider), until the alert arrives.
      CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (sending.get() && System.nanoTime() < deadline) {
          gw.post("/v1/chat/completions", chat("gpt-4o-mini", "throttled?"), "x-mock-chaos", "rate_limit=0");
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
      });
      JsonNode alert;
      try {
        alert = awaitAlert(webhook, "GwUpstreamThrottled");
      } finally {
        sending.set(false);
        traffic.get(30, TimeUnit.SECONDS); // rethrows what stopped the traffic, if anything did
      }

      assertThat(alert.path("status").asText()).isEqualTo("firing");
      assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
      assertThat(alert.path("annotations").path("summary").asText()).endsWith(" provider 429s per request over 5m");
    } finally {
      sending.set(false);
      for (Process p : tools) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  /** Reads the webhook's notifications until one holds the alert; says what the tools logged if none does. */
  private JsonNode awaitAlert(RecordingEndpoint webhook, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      JsonNode notification;
      try {
        notification = Json.MAPPER.readTree(webhook.next().body());
      } catch (AssertionError nothingFor30s) {
        continue;
      }
      for (JsonNode alert : notification.path("alerts")) {
        seen.add(alert.path("labels").path("alertname").asText());
        if (name.equals(alert.path("labels").path("alertname").asText())) {
          return alert;
        }
      }
    }
    throw new AssertionError(name + " did not reach the webhook within 90 s; alerts seen: " + seen
        + "\nprometheus: " + tail("prometheus.log") + "\nalertmanager: " + tail("prometheus-alertmanager.log"));
  }

  private String tail(String log) throws IOException {
    List<String> lines = Files.readAllLines(work.resolve(log));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  private Process start(String... command) throws IOException {
    Path log = work.resolve(Path.of(command[0]).getFileName() + ".log");
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
