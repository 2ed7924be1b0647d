package gw.gateway.calibrate;

import gw.gateway.config.ConfigSource;
import gw.gateway.drill.Scenario;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.breaker.BreakersConfig;
import gw.mock.client.RagTraffic;
import gw.mock.client.TrafficSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs healthy realistic traffic, then each of the five faults, through the real gateway in front of the
 * real mock, and reports what detection did ({@link CalibrationReport}). Each run has a system of its own
 * (fresh data dir, nothing carried over); the five fault runs go side by side. Blocking: call it from a
 * thread that is not an event loop.
 *
 * <pre>{@code
 * CalibrationReport report = new Calibration(CalibrationSettings.defaults(), ConfigSource.bundled()).run(tempDir);
 * }</pre>
 */
public final class Calibration {
  /** Fault runs send like the drill's sample traffic: enough to fill the windows, light on a small machine. */
  static final double FAULT_RATE = 30;
  /** Requests answered before a fault starts, so the windows hold a healthy baseline first. */
  static final long FAULT_WARM_UP = 40;
  private static final long POLL_MS = 100;
  private static final long FLUSH_MINUTES = 10;

  private final CalibrationSettings settings;
  private final ConfigSource config;
  private final String fallbackModel;

  /** {@code shipped}: the config under test; only budgets, rate limits and the triage tick are changed. */
  public Calibration(CalibrationSettings settings, ConfigSource shipped) {
    this.settings = settings;
    this.config = CalibrationConfig.of(shipped);
    this.fallbackModel = BreakersConfig.load(config).performance().fallbackModel();
  }

  /** {@code workDir}: an empty directory for the runs' data dirs. */
  public CalibrationReport run(Path workDir) throws Exception {
    long started = System.nanoTime();
    ExecutorService faults = Executors.newFixedThreadPool(IncidentClass.values().length);
    try {
      CalibrationReport.Healthy healthy = healthy(workDir.resolve("healthy"));
      List<Future<CalibrationReport.Recall>> runs = new ArrayList<>();
      for (IncidentClass c : IncidentClass.values()) {
        runs.add(faults.submit(() -> fault(c, workDir.resolve("fault-" + c.name().toLowerCase()))));
      }
      List<CalibrationReport.Recall> recall = new ArrayList<>();
      for (Future<CalibrationReport.Recall> run : runs) {
        recall.add(run.get());
      }
      return new CalibrationReport(settings, healthy, recall, (System.nanoTime() - started) / 1e9);
    } finally {
      faults.shutdownNow();
    }
  }

  /** The healthy run: realistic traffic with bursts of client errors spread over it. */
  CalibrationReport.Healthy healthy(Path dataDir) throws Exception {
    try (CalibrationSystem system = CalibrationSystem.start(config, dataDir)) {
      RagTraffic traffic = RagTraffic.start(system.vertx,
          system.traffic(settings, settings.requests(), settings.seed()));
      ClientErrorBursts errors = new ClientErrorBursts(system.vertx, system.gatewayUrl(), system.key());
      var finished = traffic.finished().toCompletionStage().toCompletableFuture();
      int burstsSent = 0;
      while (!finished.isDone()) {
        long due = (burstsSent + 1) * settings.requests() / (settings.clientErrorBursts() + 1);
        if (burstsSent < settings.clientErrorBursts() && traffic.stats().sent() >= due) {
          errors.burst(settings.clientErrorsPerBurst());
          burstsSent++;
        }
        pause(system.vertx, POLL_MS);
      }
      TrafficSnapshot client = finished.get();
      Map<Integer, Long> clientErrors = CalibrationSystem.await(errors.statuses());
      // Detection keeps running after the traffic: stragglers and the last windows are judged too.
      pause(system.vertx, settings.settle().toMillis());
      // A long run can leave the metering stage minutes behind on a small machine: every trace is audited.
      system.gateway.flushTraces().await(FLUSH_MINUTES, TimeUnit.MINUTES);
      TraceAudit traces = TraceAudit.of(system.gateway.store(), BreakersConfig.load(config).diagnoser());
      return new CalibrationReport.Healthy(client, clientErrors, incidentsByClass(system),
          tripsByClass(system), traces);
    }
  }

  /** One fault on realistic traffic: does its incident class open, and how soon? */
  CalibrationReport.Recall fault(IncidentClass c, Path dataDir) throws Exception {
    Scenario scenario = Scenario.of(c, settings.model(), settings.faultLatencyMs(), fallbackModel);
    try (CalibrationSystem system = CalibrationSystem.start(config, dataDir)) {
      RagTraffic traffic = RagTraffic.start(system.vertx, system.traffic(settings.withRate(
          Math.min(settings.ratePerSecond(), FAULT_RATE)), 0, settings.seed() + 1 + c.ordinal()));
      try {
        waitFor(system.vertx, Duration.ofSeconds(30), () -> traffic.stats().completed() >= FAULT_WARM_UP);
        system.admin.setChaos(scenario.chaos());
        long onset = System.nanoTime();
        boolean opened = waitFor(system.vertx, settings.faultTimeout(),
            () -> incidentsByClass(system).containsKey(c.name()));
        Double seconds = opened ? (System.nanoTime() - onset) / 1e9 : null;
        return new CalibrationReport.Recall(c, scenario.fault(), List.copyOf(incidentsByClass(system).keySet()),
            seconds);
      } finally {
        // Requests still arriving while the gateway closes would fail there: end the fault, then the traffic.
        system.admin.clearChaos();
        try {
          traffic.stop().await(settings.faultLatencyMs() + 10_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillInFlight) {
          // Requests the fault stalled: closing the system ends them.
        }
      }
    }
  }

  private static Map<String, Long> incidentsByClass(CalibrationSystem system) {
    Map<String, Long> counts = new TreeMap<>();
    system.admin.incidents("?limit=500").forEach(i -> counts.merge(((JsonObject) i).getString("class"), 1L, Long::sum));
    return counts;
  }

  private static Map<String, Long> tripsByClass(CalibrationSystem system) {
    Map<String, Long> counts = new TreeMap<>();
    system.admin.breakers().forEach(b -> {
      JsonObject breaker = (JsonObject) b;
      if (breaker.getLong("trips", 0L) > 0) {
        counts.put(breaker.getString("class"), breaker.getLong("trips"));
      }
    });
    return counts;
  }

  /** Polls {@code condition} until it holds or {@code limit} passes; says whether it held. */
  private static boolean waitFor(Vertx vertx, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause(vertx, POLL_MS);
    }
    return true;
  }

  private static void pause(Vertx vertx, long ms) {
    if (ms > 0) {
      CalibrationSystem.await(vertx.timer(ms, TimeUnit.MILLISECONDS));
    }
  }
}
