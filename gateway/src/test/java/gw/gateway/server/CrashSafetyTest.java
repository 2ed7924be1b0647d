package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.state.RawSqlite;
import gw.gateway.testing.ChatLoad;
import gw.gateway.testing.Eventually;
import gw.gateway.testing.GatewayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway killed with SIGKILL under load, then started again on the same data directory. What an
 * answer promised must be on disk: its trace, unless it was answered within the last second of
 * answers (traces are committed in groups about every 20 ms, see BatchWriter; the last answer is the
 * reference because a stop-the-world pause right before the kill stops answers and writes alike), its
 * spend, unless within the last two (spend is written every second), and everything operators set.
 */
class CrashSafetyTest {
  private static final int CLIENTS = 8;
  private static final Duration LOAD_WAIT = Duration.ofSeconds(60);
  private static final long TRACE_BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long SPEND_BOUND_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final Map<String, String> MODES = Map.of("RETRIEVAL_OUTAGE", "forced_open",
      "QUALITY_DEGRADATION", "observe", "PERFORMANCE_DEGRADATION", "forced_closed");
  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC);
  private static final String TODAY = "/admin/costs?group_by=tenant&from=" + DAY + "&to=" + DAY;

  @TempDir Path dataDir;
  @TempDir Path configDir;

  @Test
  void aSigkillUnderLoadLosesAtMostTheLastSecondOfTracesAndNothingOperatorsSet() throws Exception {
    GatewayProcess.loadConfig(configDir);
    String incidentId;
    long requestsSpentMidLoad;
    long killedAt;
    int exitCode;
    ChatLoad load;
    GatewayProcess first = GatewayProcess.up(dataDir, configDir);
    try {
      // One leaked email trips DATA_INCIDENT; its incident stays open until an operator resolves it.
      assertThat(first.chat("What is my account email?", "x-mock-chaos", "pii_leak").statusCode()).isEqualTo(200);
      incidentId = awaitSavedIncident();
      for (var mode : MODES.entrySet()) {
        var r = first.adminPost("/admin/breakers/" + mode.getKey(),
            "{\"mode\":\"" + mode.getValue() + "\",\"reason\":\"crash test\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      load = ChatLoad.start(first, CLIENTS, Long.MAX_VALUE);
      load.awaitAnswers("200 answers before the mid-load cost report", LOAD_WAIT, answers -> answers.size() >= 200);
      requestsSpentMidLoad = requests(first.adminJson(TODAY)); // the report writes pending spend first
      // The kill comes once the bounds have something to hold: 300 answers more than the trace bound
      // (and the spend bound) older than the newest answer, all after the cost report.
      int atReport = load.answered().size();
      load.awaitAnswers("300 answers older than the bounds", LOAD_WAIT, answers -> answers.size() > atReport
          && olderThan(answers, Math.max(TRACE_BOUND_NANOS, SPEND_BOUND_NANOS)) >= atReport + 300);
      killedAt = System.nanoTime();
      exitCode = first.kill();
      load.await();
    } finally {
      first.close();
    }
    assertThat(exitCode).as("128 + SIGKILL: killed, no shutdown hook ran").isEqualTo(137);

    try (GatewayProcess second = GatewayProcess.up(dataDir, configDir)) {
      for (String db : List.of("traces.db", "control.db")) {
        assertThat(RawSqlite.text(dataDir.resolve(db), "PRAGMA integrity_check")).as(db).isEqualTo("ok");
      }
      assertThat(RawSqlite.text(dataDir.resolve("traces.db"), "SELECT count(*) FROM traces WHERE NOT json_valid(record)"))
          .isEqualTo("0");
      Set<String> stored = new HashSet<>(RawSqlite.text(dataDir.resolve("traces.db"), "SELECT trace_id FROM traces")
          .lines().toList());
      long lastAnswer = load.answered().stream().mapToLong(ChatLoad.Answered::atNanos).max().orElseThrow();
      List<String> promised = answeredBefore(load, lastAnswer - TRACE_BOUND_NANOS);
      assertThat(promised).as("requests answered more than a second before the last answer, %d ms before the kill",
          (killedAt - lastAnswer) / 1_000_000).hasSizeGreaterThan(100);
      assertThat(promised).as("their traces").allMatch(stored::contains);

      JsonNode costs = second.adminJson(TODAY);
      long spentRequests = requests(costs);
      assertThat(spentRequests).isGreaterThanOrEqualTo(requestsSpentMidLoad)
          .isGreaterThanOrEqualTo(answeredBefore(load, lastAnswer - SPEND_BOUND_NANOS).size())
          .isLessThanOrEqualTo(load.sent() + 1);
      JsonNode daily = daily(costs.path("budgets"));
      assertThat(daily.path("spent_usd").asDouble()).as("the demo budget, restored from the spend ledger")
          .isCloseTo(costs.path("total_usd").asDouble(), within(1e-9)).isPositive();

      for (var mode : MODES.entrySet()) {
        assertThat(second.adminJson("/admin/breakers/" + mode.getKey()).path("mode").asText()).as(mode.getKey())
            .isEqualTo(mode.getValue());
      }
      JsonNode incident = second.adminJson("/admin/incidents/" + incidentId);
      assertThat(incident.path("class").asText()).isEqualTo("DATA_INCIDENT");
      assertThat(incident.path("status").asText()).isNotEqualTo("resolved");

      var after = second.chat("after the restart");
      assertThat(after.statusCode()).isEqualTo(200);
    }
  }

  /** How many answers came more than {@code nanos} before the newest one. */
  private static long olderThan(List<ChatLoad.Answered> answers, long nanos) {
    long newest = answers.stream().mapToLong(ChatLoad.Answered::atNanos).max().orElse(0);
    return answers.stream().filter(a -> a.atNanos() < newest - nanos).count();
  }

  private static List<String> answeredBefore(ChatLoad load, long nanos) {
    return load.answered().stream().filter(a -> a.atNanos() < nanos).map(ChatLoad.Answered::traceId).toList();
  }

  /** The DATA_INCIDENT incident once its row is in control.db (it is saved after the tick that opened it). */
  private String awaitSavedIncident() throws Exception {
    return Eventually.get("a saved DATA_INCIDENT incident", Duration.ofSeconds(20), () -> {
      String id = RawSqlite.text(dataDir.resolve("control.db"),
          "SELECT id FROM incidents WHERE incident_class = 'DATA_INCIDENT' AND status <> 'resolved'");
      return id.isEmpty() ? null : id;
    });
  }

  private static long requests(JsonNode costs) {
    for (JsonNode row : costs.path("data")) {
      if (row.path("key").asText().equals("demo")) {
        return row.path("requests").asLong();
      }
    }
    return 0;
  }

  private static JsonNode daily(JsonNode budgets) {
    for (JsonNode b : budgets) {
      if (b.path("name").asText().equals("demo") && b.path("period").asText().equals("daily")) {
        return b;
      }
    }
    throw new AssertionError("no daily budget for demo in " + budgets);
  }
}
