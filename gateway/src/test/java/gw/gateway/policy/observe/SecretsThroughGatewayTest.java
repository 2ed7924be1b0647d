package gw.gateway.policy.observe;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import gw.gateway.logging.AccessLog;
import gw.gateway.logging.JsonLineEncoder;
import gw.gateway.testing.GatewayHarness;
import gw.traces.redact.Redactor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secret kinds the redactor once missed (a Slack bot token, a GitHub token one character short),
 * and others of Gitleaks' families, sent through the real gateway and mock with the shipped
 * configuration (leak guard included): none of them is left in the stored trace, the store's files,
 * the log lines (access lines on, as with {@code --log-format json}), /metrics, or the answers.
 */
class SecretsThroughGatewayTest {
  private static final String SLACK_BOT = "xoxb-" + "2718281828" + "-31415926535" + "-Zb7Qw2Lm9Xc4Vr8Tn3Hy6Kp";
  private static final String GITHUB_SHORT = "ghp_" + "k3Jd9QmZ2xW7pL4tR8vN1cB6yH5sF0aE2gU"; // 35, canonical is 36
  private static final String STRIPE = "sk_live_" + "51NzQk8Rt3Vw7Yb2Lm5Xc9Df4Gh6Jp1Ks";
  private static final String GCP = "AIza" + "SyD4k8Qw2Zr7Lm3Xc9Vb5Nt1Hy6Jp0KsGfE";
  private static final String SENDGRID =
      "SG." + "q7Lw2Xz9Kd4Rb8Nm1Tc5Vy" + "." + "H3jP6sF0aE2gU8kW5rQ9tY1mZ4xC7vB2nL6dS0fA3hJ";
  private static final String DB_PASSWORD = "Vq8" + "nR2zX5kLw9T";
  private static final String GENERIC = "Hk4" + "Tz9Qw2Lm7Xc5Vr8Bn";
  private static final String KEY_LINE_1 = "MIIEowIBAAKCAQEAq7BFUpkGp3LQmlQYx2eqzDVxeG8kxsQFV18S5JhzGeIJNm4T";
  private static final String KEY_LINE_2 = "A72wSeukEPojtqUyX2J0CciKXOb8RMNHPmsH9K3rj3sFV0sFr9n2VzKr1h4MfoIw";
  private static final List<String> SECRETS = List.of(SLACK_BOT, GITHUB_SHORT, STRIPE, GCP, SENDGRID, DB_PASSWORD,
      GENERIC, KEY_LINE_1, KEY_LINE_2);
  /** Each secret is caught by its own pattern, not only by a catch-all. */
  private static final String[] PLACEHOLDERS = List.of("slack_token", "github_token", "stripe_key", "google_api_key",
      "sendgrid_key", "url_password", "generic_secret", "private_key").stream().map(Redactor::placeholder)
      .toArray(String[]::new);
  private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\n" + KEY_LINE_1 + "\n" + KEY_LINE_2
      + "\n-----END RSA PRIVATE KEY-----";

  @TempDir Path dataDir;

  @Test
  void noSecretReachesTheTraceTheStoreTheLogsTheMetricsOrTheAnswers() throws IOException {
    List<String> logLines = new CopyOnWriteArrayList<>();
    List<String> seen = new ArrayList<>();
    List<String> traceIds = new ArrayList<>();
    try (LogCapture capture = new LogCapture(logLines); GatewayHarness gw = GatewayHarness.start(dataDir)) {
      HttpResponse<Buffer> plain =
          gw.post("/v1/chat/completions", request(false), "x-request-id", "req-" + GITHUB_SHORT);
      HttpResponse<Buffer> streamed = gw.post("/v1/chat/completions", request(true));
      for (HttpResponse<Buffer> r : List.of(plain, streamed)) {
        assertThat(r.statusCode()).isEqualTo(200);
        traceIds.add(r.getHeader("x-gateway-trace-id"));
        seen.add(r.bodyAsString());
      }
      for (String id : traceIds) {
        String trace = gw.trace(id).toString();
        assertThat(trace).contains(PLACEHOLDERS);
        seen.add(trace);
      }
      seen.add(gw.admin("/metrics", null).bodyAsString());
      seen.add(storeFiles());
    }
    seen.addAll(logLines);

    assertThat(logLines).anyMatch(line -> line.contains(traceIds.get(0)));
    for (String secret : SECRETS) {
      assertThat(seen).as("where %s went", secret).noneMatch(text -> text.contains(secret));
    }
  }

  /** A chat request carrying the secrets in its user, system and tool messages. */
  private static JsonObject request(boolean stream) {
    JsonObject body = chat("gpt-4o-mini", "Why does the bot fail? It posts with " + SLACK_BOT + " and clones with "
        + GITHUB_SHORT + "; the DB is postgres://app:" + DB_PASSWORD + "@db.internal:5432/orders, password=" + GENERIC);
    JsonArray messages = body.getJsonArray("messages");
    messages.add(0, new JsonObject().put("role", "system").put("content", "Deploy key:\n" + PEM));
    messages.add(new JsonObject().put("role", "tool").put("tool_call_id", "call_1").put("content",
        new JsonObject().put("stripe", STRIPE).put("maps_key", GCP).put("sendgrid", SENDGRID).encode()));
    return body.put("stream", stream);
  }

  private String storeFiles() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  /** Every log event as the JSON log format writes it, access lines included, while the test runs. */
  private static final class LogCapture implements AutoCloseable {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger access = context.getLogger(AccessLog.LOGGER);
    private final Level accessLevel = access.getLevel();
    private final AppenderBase<ILoggingEvent> appender;

    LogCapture(List<String> lines) {
      JsonLineEncoder encoder = new JsonLineEncoder();
      encoder.setContext(context);
      encoder.start();
      appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
      };
      appender.setContext(context);
      appender.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
      access.setLevel(Level.INFO);
    }

    @Override
    public void close() {
      access.setLevel(accessLevel);
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    }
  }
}
