package gw.gateway.drill;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.cli.Main;
import gw.gateway.incident.IncidentClass;
import gw.gateway.incident.Postmortem;
import gw.gateway.testing.FastDetection;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import gw.mock.client.RagTraffic;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The drill end to end against the real gateway and mock with sample traffic: every stage happens
 * and prints the seed's line, the timings are measured, and the postmortem draft has all its
 * sections and the incident's real trace ids. Windows, holds and breaker timings are shrunk so a
 * scenario takes seconds; the shipped timings are measured by {@code ./gw drill --scenario all}.
 */
class DrillEndToEndTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.with(GatewayHarness.Options.defaults()
        .withConfig("thresholds.json", FastDetection.thresholds(Map.of()))
        .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 200, "/triage/recovery_hold_seconds", 1))
        .withConfig("breakers.json", Map.of("/RETRIEVAL_OUTAGE/window_seconds", 5, "/RETRIEVAL_OUTAGE/min_requests", 5,
            "/RETRIEVAL_OUTAGE/open_seconds", 2, "/PERFORMANCE_DEGRADATION/slow_call_ms", 300,
            "/PERFORMANCE_DEGRADATION/max_failures", 3, "/PERFORMANCE_DEGRADATION/window_seconds", 5,
            "/PERFORMANCE_DEGRADATION/open_seconds", 2, "/PERFORMANCE_DEGRADATION/min_tokens_per_second", 1_000_000)));
  @TempDir static Path outDir;
  private static GatewayHarness gw;
  private static RagTraffic traffic;
  private static DrillTarget target;

  @BeforeAll
  static void start() {
    String mock = "http://127.0.0.1:" + gw.mock.actualPort();
    traffic = RagTraffic.start(gw.vertx, new RagTraffic.Options("http://127.0.0.1:" + gw.port(), mock,
        GatewayHarness.KEY, 20, Duration.ofMinutes(3), 0, "gpt-4o", 7, 64));
    target = new DrillTarget(gw.vertx, "http://127.0.0.1:" + gw.gateway.adminPort(), mock, GatewayHarness.ADMIN_TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    traffic.stop().await(30, TimeUnit.SECONDS);
    target.close();
  }

  private static String drill(IncidentClass c, List<Drill.Result> results) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Drill drill = new Drill(target, new PrintStream(printed, true, StandardCharsets.UTF_8),
        new Drill.Settings(Duration.ofSeconds(6), Duration.ofSeconds(20), Duration.ofSeconds(40), outDir),
        traffic::stats);
    results.add(drill.run(Scenario.of(c, "gpt-4o", 1500, "gpt-4o-mini")));
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static void assertEveryStage(String printed, Drill.Result r) throws Exception {
    assertThat(r.passed()).as(printed).isTrue();
    assertThat(printed).containsSubsequence("System status: HEALTHY ✓", "ALERT: ", "[3/7] Triage: " + r.incidentClass(),
        "Root cause identified: ", "Circuit breaker activated — " + r.intercepted() + " requests redirected to fallback",
        "System status: RECOVERED ✓", "[7/7] Postmortem draft written to ", "Timings: onset → alert");
    assertThat(r.intercepted()).isPositive();
    assertThat(r.alertSeconds()).isNotNull().isLessThan(20);
    assertThat(r.mitigationSeconds()).isNotNull().isLessThan(20);
    assertThat(r.greenSeconds()).isNotNull().isLessThan(40);
    String md = Files.readString(r.postmortem());
    assertThat(md).startsWith("# Postmortem " + r.incidentId());
    for (String section : Postmortem.SECTIONS) {
      assertThat(md).contains("## " + section + "\n");
    }
    var cited = java.util.regex.Pattern.compile("\\| during \\| `([0-9a-f-]{36})`").matcher(md).results()
        .map(m -> m.group(1)).toList();
    assertThat(cited).as("trace evidence from during the incident").isNotEmpty();
    for (String id : cited) {
      assertThat(gw.admin("/admin/traces/" + id, GatewayHarness.ADMIN_TOKEN).statusCode()).as(id).isEqualTo(200);
    }
    var incident = target.incident(r.incidentId());
    assertThat(incident.getJsonArray("replays")).as("the diagnosing replay is on the incident").isNotEmpty();
    assertThat(incident.getString("acknowledged_by")).isNotNull();
  }

  @Test
  void aRetrievalOutageGoesThroughEveryStage() throws Exception {
    List<Drill.Result> results = new java.util.ArrayList<>();
    String printed = drill(IncidentClass.RETRIEVAL_OUTAGE, results);
    Drill.Result r = results.get(0);
    assertEveryStage(printed, r);
    assertThat(printed).contains("ALERT: tool_success_rate breached").contains("outside the model");
    assertThat(r.severity()).isEqualTo("SEV-2");
  }

  @Test
  void aLatencySpikeGoesThroughEveryStage() throws Exception {
    List<Drill.Result> results = new java.util.ArrayList<>();
    String printed = drill(IncidentClass.PERFORMANCE_DEGRADATION, results);
    Drill.Result r = results.get(0);
    assertEveryStage(printed, r);
    assertThat(printed).contains("performance_degradation/fallback_model");
    assertThat(r.severity()).isIn("SEV-2", "SEV-1");
  }

  @Test
  void aSystemThatIsNotCleanIsRefusedWithinSecondsInOneLineThatSaysHowToClearIt() {
    JsonObject leakOnAnotherModel = new JsonObject().put("modes", new JsonObject().put("pii_leak",
        new JsonObject().put("rate", 1.0))).put("models", new JsonArray().add("gpt-4o-mini"));
    Waits waits = new Waits(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String incidentId = null;
    try {
      target.setChaos(leakOnAnotherModel); // the sample traffic asks gpt-4o: only this request leaks
      gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "Where is my parcel?"));
      incidentId = waits.poll("a leak incident", Duration.ofSeconds(10), () -> target.incidents("?status=open"),
          open -> !open.isEmpty(), DrillLines::incidents).getJsonObject(0).getString("id");
      target.breakerMode("COST_SPIKE", "forced_closed", "test: a forced breaker");

      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new Main());
      cli.setErr(new PrintWriter(err, true));
      long started = System.nanoTime();
      int code = cli.execute("drill", "--gateway", "http://127.0.0.1:" + gw.port(), "--admin", target.adminUrl(),
          "--mock", target.mockUrl(), "--key", GatewayHarness.KEY, "--admin-token", GatewayHarness.ADMIN_TOKEN);
      double seconds = (System.nanoTime() - started) / 1e9;

      String line = err.toString().strip();
      assertThat(code).as(line).isEqualTo(2);
      assertThat(seconds).isLessThan(10);
      assertThat(line).doesNotContain("\n").startsWith("gw drill: not starting")
          .contains("incident " + incidentId + " (DATA_INCIDENT, SEV-1)", "DATA_INCIDENT breaker open",
              "COST_SPIKE breaker forced_closed", "mock chaos pii_leak on [\"gpt-4o-mini\"]",
              target.adminUrl() + "/admin/incidents/" + incidentId + "/resolve",
              target.adminUrl() + "/admin/breakers/COST_SPIKE", "{\"mode\":\"auto\"", target.mockUrl() + "/chaos/reset",
              "--data-dir")
          .contains("Bearer $GW_ADMIN_TOKEN").doesNotContain(GatewayHarness.ADMIN_TOKEN)
          .doesNotContain("\"error\"");
    } finally {
      target.clearChaos();
      target.breakerMode("COST_SPIKE", "auto", "test: cleared");
      target.breakerMode("DATA_INCIDENT", "auto", "test: cleared");
      if (incidentId != null) {
        target.resolve(incidentId, "test: cleared");
      }
      waits.poll("no open incident", Duration.ofSeconds(20), () -> target.incidents("?status=open"), JsonArray::isEmpty,
          DrillLines::incidents);
    }
  }
}
