package gw.gateway.drill;

import gw.gateway.incident.IncidentClass;
import gw.gateway.incident.Postmortem;
import gw.mock.client.TrafficSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Seed 000's seven-stage drill against a running system carrying sample traffic: baseline, failure
 * injection (the alert), triage, diagnosis by replay, mitigation by the breaker, recovery, and the
 * postmortem draft. It prints the seed's stage lines, measures onset to alert, onset to mitigation
 * and fault end to green, and stops at the first stage that does not happen in time.
 */
public final class Drill {
  public static final double ALERT_TARGET_S = 10;
  public static final double MITIGATION_TARGET_S = 15;
  public static final double GREEN_TARGET_S = 60;
  private static final Duration QUIET = Duration.ofSeconds(3);

  /**
   * @param faultFor      how long the fault stays injected (at least until the breaker acted)
   * @param stageTimeout  how long the alert, the evidence and the mitigation may each take
   * @param recoveryTimeout how long green and resolution may take after the fault ends
   * @param outDir        where postmortem drafts are written
   */
  public record Settings(Duration faultFor, Duration stageTimeout, Duration recoveryTimeout, Path outDir) {}

  /** Whether a measured time (null: not reached) is over its target. */
  public static boolean overTarget(Double seconds, double target) {
    return seconds != null && seconds > target;
  }

  /** One scenario's outcome; a timing is null when its stage was not reached. */
  public record Result(IncidentClass incidentClass, String failedStage, String incidentId, String severity,
      Double alertSeconds, Double mitigationSeconds, Double greenSeconds, Double resolvedSeconds, long intercepted,
      Path postmortem) {
    /** Every stage happened and every measured time met its target. */
    public boolean passed() {
      return failedStage == null && missedTargets().isEmpty();
    }

    /** The measured times over their targets, e.g. "onset → mitigation 20.3 s (target 15 s)". */
    public List<String> missedTargets() {
      List<String> missed = new ArrayList<>();
      missed(missed, "onset → alert", alertSeconds, ALERT_TARGET_S);
      missed(missed, "onset → mitigation", mitigationSeconds, MITIGATION_TARGET_S);
      missed(missed, "fault end → green", greenSeconds, GREEN_TARGET_S);
      return missed;
    }

    private static void missed(List<String> missed, String what, Double seconds, double target) {
      if (overTarget(seconds, target)) {
        missed.add(String.format(Locale.ROOT, "%s %.1f s (target %.0f s)", what, seconds, target));
      }
    }

    /** The drill's exit status: 0 only when every scenario passed, stages and targets alike. */
    public static int exitCode(List<Result> results) {
      return results.stream().allMatch(Result::passed) ? 0 : 1;
    }
  }

  private final DrillTarget target;
  private final PrintStream out;
  private final Settings settings;
  private final Supplier<TrafficSnapshot> traffic;
  private final Waits waits;
  private final ReplayExamples examples;

  public Drill(DrillTarget target, PrintStream out, Settings settings, Supplier<TrafficSnapshot> traffic) {
    this.target = target;
    this.out = out;
    this.settings = settings;
    this.traffic = traffic;
    this.waits = new Waits(out);
    this.examples = new ReplayExamples(target, out, waits);
  }

  public Result run(Scenario scenario) {
    IncidentClass c = scenario.incidentClass();
    Run run = new Run();
    out.println("== Drill: " + c + " ==");
    boolean chaosOn = false;
    try {
      run.stage = "1 baseline";
      out.println("[1/7] Baseline: sample RAG traffic through the gateway");
      awaitQuietAndGreen(settings.recoveryTimeout());
      out.println("System status: HEALTHY ✓");

      run.stage = "2 failure injection";
      out.println("[2/7] Failure injection: " + scenario.fault() + " (mock chaos " + scenario.chaos().encode() + ")");
      Instant onset = Instant.now();
      target.setChaos(scenario.chaos());
      chaosOn = true;
      JsonObject incident = waits.poll("an open " + c + " incident", settings.stageTimeout(), () -> newest(c, onset),
          i -> i != null, i -> "no " + c + " incident yet");
      run.id = incident.getString("id");
      run.severity = incident.getString("severity");
      run.alert = seconds(onset, Instant.parse(incident.getString("opened_at")));
      out.println("ALERT: " + incident.getString("first_alert"));
      out.printf(Locale.ROOT, "      %s opened %.1f s after onset%n", run.id, run.alert);

      run.stage = "3 triage";
      waits.pause(Instant.now().plusSeconds(2), "for two more evaluations: the rest of the burst may raise the severity");
      incident = target.incident(run.id);
      run.severity = incident.getString("severity");
      out.println("[3/7] Triage: " + c + ", " + run.severity);
      out.println("      " + classification(incident));
      target.acknowledge(run.id, "drill: on-call engineer acknowledged");
      out.println("      acknowledged " + run.id);

      run.stage = "4 diagnosis via replay";
      waits.poll("example traces of " + run.id, settings.stageTimeout(), () -> target.incident(run.id),
          i -> !i.getJsonObject("traces").getJsonArray("during").isEmpty(), DrillLines::incidentNow);
      String traceId = scenario.replayBefore() ? examples.cleanBefore(onset, models(scenario))
          : examples.failing(run.id, settings.stageTimeout().dividedBy(2));
      JsonObject replay = target.replay(traceId, scenario.replayOverrides());
      out.println("[4/7] Replay of " + traceId + (scenario.replayBefore() ? " (from before the incident)" : "")
          + " with " + scenario.replayOverrides().encode() + ": " + replay.getString("verdict") + " — "
          + replay.getString("reason"));
      out.println("      original: " + DrillLines.side(replay.getJsonObject("original")));
      out.println("      replay:   " + DrillLines.side(replay.getJsonObject("replay")));
      JsonArray replayActions = target.trace(replay.getJsonObject("replay").getString("trace_id")).getJsonArray("actions");
      out.println("Root cause identified: " + DrillLines.rootCause(c, replay, replayActions));

      run.stage = "5 mitigation";
      JsonObject mitigated = waits.poll(c + " breaker mitigation", settings.stageTimeout(), () -> target.incident(run.id),
          i -> i.getString("mitigated_at") != null, DrillLines::incidentNow);
      run.mitigation = seconds(onset, Instant.parse(mitigated.getString("mitigated_at")));
      Instant faultEnds = onset.plus(settings.faultFor());
      waits.pause(faultEnds.isAfter(Instant.now().plusSeconds(3)) ? faultEnds : Instant.now().plusSeconds(3),
          "with the fault on, so the breaker acts on requests");
      mitigated = target.incident(run.id);
      run.intercepted = mitigated.getLong("intercepted");
      out.println("[5/7] " + c + " breaker: " + mitigated.getString("mitigation"));
      out.println("Circuit breaker activated — " + run.intercepted + " requests redirected to fallback");
      out.printf(Locale.ROOT, "      breaker open %.1f s after onset%n", run.mitigation);
      if (run.intercepted == 0) {
        throw new StageFailed("the breaker opened but acted on no request");
      }

      run.stage = "6 recovery";
      target.clearChaos();
      chaosOn = false;
      Instant end = Instant.now();
      out.println("[6/7] Recovery: fault removed (DELETE /chaos)");
      if (scenario.operatorRecovers()) {
        awaitNoMoreInterceptions(c);
        target.breakerMode(c.name(), "auto", "drill: leak source removed and verified");
        out.println("      operator: " + c + " breaker back to auto (a leak is only closed by people)");
      }
      Instant green = awaitGreen(settings.recoveryTimeout());
      run.green = seconds(end, green);
      if (scenario.operatorRecovers()) {
        waits.poll(run.id + " signals clear", settings.recoveryTimeout(), () -> target.incident(run.id),
            i -> i.getString("recovered_at") != null, DrillLines::incidentNow);
        target.resolve(run.id, "drill: leak stopped, answers and traces checked");
        out.println("      operator: resolved " + run.id);
      }
      JsonObject resolved = waits.poll(run.id + " resolved", settings.recoveryTimeout(), () -> target.incident(run.id),
          i -> "resolved".equals(i.getString("status")), DrillLines::incidentNow);
      run.resolved = seconds(end, Instant.parse(resolved.getString("resolved_at")));
      run.severity = resolved.getString("severity"); // it may have risen after triage
      out.println("System status: RECOVERED ✓");
      out.printf(Locale.ROOT, "      green %.1f s after the fault ended; %s resolved by %s after %.1f s%n", run.green,
          run.id, resolved.getString("resolved_by"), run.resolved);

      run.stage = "7 postmortem";
      run.postmortem = writePostmortem(run.id, resolved);
      out.println("[7/7] Postmortem draft written to " + run.postmortem);
      run.stage = null;
    } catch (StageFailed | DrillTarget.DrillException e) {
      out.println("DRILL FAILED at stage " + run.stage + ": " + e.getMessage());
    } finally {
      if (chaosOn) {
        target.clearChaos();
      }
    }
    out.println(timings(run));
    Result result = new Result(c, run.stage, run.id, run.severity, run.alert, run.mitigation, run.green, run.resolved,
        run.intercepted, run.postmortem);
    if (!result.missedTargets().isEmpty()) {
      out.println("DRILL FAILED: missed " + String.join(", ", result.missedTargets()));
    }
    TrafficSnapshot t = traffic.get();
    out.println("Traffic: " + t.sent() + " sent, " + t.ok() + " ok, " + t.failed() + " failed " + t.failedBy()
        + ", gateway actions " + t.actions());
    out.println();
    return result;
  }

  /** The models the scenario's fault is scoped to; null when it hits every model. */
  private static List<String> models(Scenario scenario) {
    JsonArray models = scenario.chaos().getJsonArray("models");
    return models == null ? null : models.stream().map(Object::toString).toList();
  }

  private static final class Run {
    String stage;
    String id;
    String severity;
    Double alert;
    Double mitigation;
    Double green;
    Double resolved;
    long intercepted;
    Path postmortem;
  }

  /**
   * Answers generated under the fault are still arriving after it ends, and resetting the guard
   * before the last one would let it trip again: like an operator, wait until it has had nothing
   * to act on for {@link #QUIET}.
   */
  private void awaitNoMoreInterceptions(IncidentClass c) {
    Instant deadline = Instant.now().plus(settings.stageTimeout());
    long seen = target.breaker(c.name()).getLong("interceptions");
    out.println("      waiting up to " + settings.stageTimeout().toSeconds() + " s for the " + c + " breaker to act on no "
        + "answer for " + QUIET.toSeconds() + " s (now: " + seen + " interceptions)");
    Instant quietSince = Instant.now();
    while (Duration.between(quietSince, Instant.now()).compareTo(QUIET) < 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new StageFailed("the " + c + " breaker was still acting on answers " + settings.stageTimeout().toSeconds()
            + " s after the fault ended");
      }
      Waits.sleepUntil(Instant.now().plusMillis(Waits.POLL_MS));
      long now = target.breaker(c.name()).getLong("interceptions");
      if (now != seen) {
        seen = now;
        quietSince = Instant.now();
      }
    }
    out.println("      operator: no answer needed the guard for " + QUIET.toSeconds() + " s");
  }

  /** Waits until nothing is open and the detection window is green, printing the metrics. */
  private void awaitQuietAndGreen(Duration timeout) {
    waits.poll("no open incident", timeout, target::unresolvedIncidents, JsonArray::isEmpty, DrillLines::incidents);
    awaitGreen(timeout);
  }

  /** Polls the detection window until it is green; returns when it first was. */
  private Instant awaitGreen(Duration timeout) {
    long window = target.health(0).getLong("detection_window_seconds");
    JsonObject health = waits.poll("green north-star metrics over the last " + window + " s", timeout,
        () -> target.health(window), h -> "green".equals(h.getString("overall")), DrillLines::healthNow);
    Instant at = Instant.now();
    out.println("      " + DrillLines.metricsLine(health));
    return at;
  }

  private JsonObject newest(IncidentClass c, Instant since) {
    for (Object o : target.incidents("?class=" + c + "&limit=5")) {
      JsonObject i = (JsonObject) o;
      if (!Instant.parse(i.getString("opened_at")).isBefore(since.minusSeconds(1))) {
        return i;
      }
    }
    return null;
  }

  /** The latest classification or severity change: why the incident has the class and severity it has now. */
  private static String classification(JsonObject incident) {
    String latest = incident.getString("reason");
    for (Object o : incident.getJsonArray("timeline")) {
      JsonObject e = (JsonObject) o;
      if ("classification".equals(e.getString("kind")) || "severity".equals(e.getString("kind"))) {
        latest = e.getString("message");
      }
    }
    return latest;
  }

  private Path writePostmortem(String id, JsonObject incident) {
    String md = target.postmortem(id);
    List<String> missing = new ArrayList<>();
    for (String section : Postmortem.SECTIONS) {
      if (!md.contains("## " + section)) {
        missing.add(section);
      }
    }
    if (!missing.isEmpty()) {
      throw new StageFailed("the postmortem draft lacks " + missing);
    }
    JsonArray during = incident.getJsonObject("traces").getJsonArray("during");
    if (during.isEmpty() || !md.contains(during.getJsonObject(0).getString("trace_id"))) {
      throw new StageFailed("the postmortem draft cites no trace of the incident");
    }
    try {
      Files.createDirectories(settings.outDir());
      Path file = settings.outDir().resolve("postmortem-" + id + ".md");
      Path tmp = settings.outDir().resolve("postmortem-" + id + ".md.tmp");
      Files.writeString(tmp, md);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new StageFailed("cannot write the postmortem to " + settings.outDir() + ": " + e.getMessage());
    }
  }

  private static String timings(Run r) {
    return "Timings: " + DrillLines.timing("onset → alert", r.alert, ALERT_TARGET_S) + " · "
        + DrillLines.timing("onset → mitigation", r.mitigation, MITIGATION_TARGET_S) + " · "
        + DrillLines.timing("fault end → green", r.green, GREEN_TARGET_S);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
