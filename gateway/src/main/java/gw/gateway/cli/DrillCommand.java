package gw.gateway.cli;

import gw.gateway.drill.Drill;
import gw.gateway.drill.DrillTarget;
import gw.gateway.drill.Preflight;
import gw.gateway.drill.Scenario;
import gw.gateway.incident.IncidentClass;
import gw.mock.client.RagTraffic;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "drill", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Rehearse an incident end to end against a running system (./gw up): sample RAG traffic, a fault "
        + "injected with the mock's chaos, the gateway's alert, triage, a diagnosing replay, the breaker's mitigation, "
        + "recovery to green and the postmortem draft.",
        "Prints the seven stages and the time from onset to alert and to mitigation, and from the fault's end to green."},
    footer = {"Before the first stage it checks that no incident is open, no breaker is forced or open and the mock has "
        + "no chaos; otherwise it exits 2 at once with one line naming them and how to clear them.",
        "Exit status: 0 when every stage of every scenario happened and met its target (alert <= 10 s, mitigation "
        + "<= 15 s, green <= 60 s), 1 otherwise, 2 when the system was not clean to start with."})
final class DrillCommand implements Callable<Integer> {
  @Option(names = "--scenario", defaultValue = "RETRIEVAL_OUTAGE",
      description = "An incident class, or 'all' for the five in turn (default ${DEFAULT-VALUE}).")
  String scenario;

  @Mixin TrafficTarget target;

  @Option(names = "--admin", defaultValue = EnvDefaults.ADMIN_URL, description = "Admin API (default ${DEFAULT-VALUE}).")
  String admin;

  @Option(names = "--admin-token", defaultValue = EnvDefaults.DEMO_ADMIN_TOKEN,
      description = "An operator's admin token (default ${DEFAULT-VALUE}).")
  String adminToken;

  @Option(names = "--rate", defaultValue = "10", description = "Sample requests per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--model", defaultValue = "gpt-4o", description = "Model of the traffic and of the fault (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--fallback-model", defaultValue = "gpt-4o-mini",
      description = "Model the diagnosing replay tries (default ${DEFAULT-VALUE}).")
  String fallbackModel;

  @Option(names = "--latency-ms", defaultValue = "12000",
      description = "Latency injected by the PERFORMANCE_DEGRADATION scenario (default ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--fault-seconds", defaultValue = "20", description = "How long the fault lasts (default ${DEFAULT-VALUE}).")
  long faultSeconds;

  @Option(names = "--timeout-seconds", defaultValue = "60",
      description = "How long the alert, the evidence and the mitigation may each take (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--recovery-timeout-seconds", defaultValue = "240",
      description = "How long green and resolution may take after the fault ends (default ${DEFAULT-VALUE}).")
  long recoverySeconds;

  @Option(names = "--out", defaultValue = "drills", description = "Directory for postmortem drafts (default ${DEFAULT-VALUE}).")
  Path out;

  @Spec
  CommandSpec spec;

  static final int NOT_CLEAN = 2;

  @Override
  public Integer call() throws Exception {
    List<IncidentClass> classes;
    try {
      classes = scenario.equalsIgnoreCase("all") ? List.of(IncidentClass.values()) : List.of(IncidentClass.parse(scenario));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("gw drill: " + e.getMessage() + ", or all");
      return 1;
    }
    PrintStream print = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Vertx vertx = Vertx.vertx();
    try (DrillTarget drillTarget = new DrillTarget(vertx, admin, target.mock, adminToken)) {
      // The demo token is public (README); any other is not printed in the preflight's commands.
      String shown = EnvDefaults.DEMO_ADMIN_TOKEN.equals(adminToken) ? adminToken : "$GW_ADMIN_TOKEN";
      String problem = new Preflight(drillTarget, shown).problem();
      if (problem != null) {
        spec.commandLine().getErr().println("gw drill: " + problem);
        return NOT_CLEAN;
      }
      RagTraffic traffic = RagTraffic.start(vertx, RagTraffic.Options.defaults().withGateway(target.gateway)
          .withRetrieval(target.mock).withApiKey(target.key).withRate(rate).withModel(model).withDuration(null)); // until stopped
      Drill drill = new Drill(drillTarget, print, new Drill.Settings(Duration.ofSeconds(faultSeconds),
          Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(recoverySeconds), out),
          traffic::stats);
      List<Drill.Result> results = new ArrayList<>();
      for (IncidentClass c : classes) {
        results.add(drill.run(Scenario.of(c, model, latencyMs, fallbackModel)));
      }
      traffic.stop().await(30, TimeUnit.SECONDS);
      print.println(table(results));
      return Drill.Result.exitCode(results);
    } catch (IllegalArgumentException | DrillTarget.DrillException e) {
      spec.commandLine().getErr().println("gw drill: " + e.getMessage());
      return 1;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The Markdown table of the runs (docs/DETECTION.md keeps the latest). */
  static String table(List<Drill.Result> results) {
    StringBuilder t = new StringBuilder("| scenario | incident | severity | onset → alert | onset → mitigation "
        + "| fault end → green | fault end → resolved | intercepted | result |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Drill.Result r : results) {
      t.append("| ").append(r.incidentClass()).append(" | ").append(r.incidentId()).append(" | ").append(r.severity())
          .append(" | ").append(cell(r.alertSeconds(), Drill.ALERT_TARGET_S))
          .append(" | ").append(cell(r.mitigationSeconds(), Drill.MITIGATION_TARGET_S))
          .append(" | ").append(cell(r.greenSeconds(), Drill.GREEN_TARGET_S))
          .append(" | ").append(r.resolvedSeconds() == null ? "—" : String.format(Locale.ROOT, "%.1f s", r.resolvedSeconds()))
          .append(" | ").append(r.intercepted())
          .append(" | ").append(outcome(r)).append(" |\n");
    }
    return t.toString();
  }

  private static String outcome(Drill.Result r) {
    if (r.failedStage() != null) {
      return "failed at " + r.failedStage();
    }
    return r.passed() ? "passed" : "failed: missed " + String.join(", ", r.missedTargets());
  }

  private static String cell(Double seconds, double target) {
    return seconds == null ? "—" : String.format(Locale.ROOT, "%.1f s%s", seconds,
        Drill.overTarget(seconds, target) ? " (missed)" : "");
  }
}
