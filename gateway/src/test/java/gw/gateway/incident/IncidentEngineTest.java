package gw.gateway.incident;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.ConfigSource;
import gw.gateway.detect.HealthMetrics;
import gw.gateway.detect.NorthStarWindow;
import gw.gateway.detect.Thresholds;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.policy.breaker.BreakerState;
import gw.gateway.policy.breaker.Breakers;
import gw.gateway.policy.breaker.BreakersConfig;
import gw.gateway.policy.breaker.UpstreamBreaker;
import gw.gateway.policy.breaker.WindowBreaker;
import gw.gateway.state.ControlStore;
import gw.gateway.state.SqliteControlStore;
import gw.gateway.testing.MutableClock;
import gw.traces.store.SqliteTraceStore;
import gw.traces.store.StoreOptions;
import gw.traces.store.TraceStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident lifecycle with time under test control: a red metric opens an incident with its
 * class, severity and timeline; clear signals for the recovery hold resolve it; it survives a restart.
 */
class IncidentEngineTest {
  @TempDir
  Path dir;
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private Vertx vertx;
  private Context context;
  private TraceStore store;
  private ControlStore control;
  private WorkerExecutor writer;
  private HealthMetrics health;
  private Breakers breakers;
  private IncidentCatalog catalog;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    store = SqliteTraceStore.open(dir, StoreOptions.defaults());
    control = SqliteControlStore.open(dir);
    writer = vertx.createSharedWorkerExecutor("test-control", 1);
    health = new HealthMetrics(Thresholds.load(ConfigSource.bundled()), clock::millis);
    BreakersConfig config = BreakersConfig.load(ConfigSource.bundled());
    breakers = new Breakers(config, clock::millis, new UpstreamBreaker(vertx, config.performance(), clock::millis));
    catalog = IncidentCatalog.load(ConfigSource.bundled());
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    store.close();
    control.close();
  }

  private <T> T on(Supplier<T> work) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> done.complete(work.get()));
    return done.get(10, TimeUnit.SECONDS);
  }

  private <T> T await(Supplier<Future<T>> work) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> work.get().onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else {
        done.completeExceptionally(ar.cause());
      }
    }));
    return done.get(10, TimeUnit.SECONDS);
  }

  private IncidentEngine loadedEngine() throws Exception {
    IncidentEngine engine = new IncidentEngine(catalog, health, breakers, store, control, writer, clock);
    await(engine::load);
    return engine;
  }

  private void requests(int ok, int failed) {
    for (int i = 0; i < ok + failed; i++) {
      health.observe(new NorthStarWindow.Outcome(clock.millis() - 800, 800, null, i >= ok ? null : 800.0, i >= ok, false,
          0, 0, 0.001, true, 300));
    }
  }

  private void tick(IncidentEngine engine) throws Exception {
    on(() -> {
      engine.tick();
      return null;
    });
  }

  /** Waits for every write queued on the control worker so far (it is ordered). */
  private void drainWrites() throws Exception {
    writer.executeBlocking(() -> null, true).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRedFailureRateOpensAPerformanceIncidentThatResolvesOnceClear() throws Exception {
    IncidentEngine engine = loadedEngine();
    requests(30, 0);
    tick(engine);
    assertThat(engine.list(null, null, 10)).isEmpty();

    clock.advance(Duration.ofMillis(1_000));
    requests(20, 10); // 10 of 60 in the window: 17% is red, under the 50% of a widespread outage
    tick(engine);
    IncidentView open = engine.list("open", null, 10).get(0);
    assertThat(open.id()).isEqualTo("INC-2026-0001");
    assertThat(open.incidentClass()).isEqualTo("PERFORMANCE_DEGRADATION");
    assertThat(open.severity()).isEqualTo("SEV-2");
    assertThat(open.firstAlert()).isEqualTo("failure_rate breached red — current value: 0.1667");
    assertThat(open.timeline()).extracting(IncidentView.Entry::kind).containsExactly("alert", "classification");
    assertThat(open.timeline().get(1).message()).contains("SEV-2").contains("Page the on-call engineer");

    clock.advance(Duration.ofMillis(31_000)); // the failures leave the 30 s detection window
    requests(40, 0);
    tick(engine);
    assertThat(engine.get(open.id()).orElseThrow().status()).isEqualTo("open");
    clock.advance(Duration.ofMillis(catalog.triage().recoveryHoldSeconds() * 1000));
    tick(engine);
    IncidentView resolved = engine.get(open.id()).orElseThrow();
    assertThat(resolved.status()).isEqualTo("resolved");
    assertThat(resolved.resolvedBy()).isEqualTo("gateway");
    assertThat(resolved.timeline()).extracting(IncidentView.Entry::kind).endsWith("recovered", "resolved");
    assertThat(resolved.impact().requests()).isEqualTo(40);
    assertThat(resolved.peaks()).extracting(Signal::name).containsExactly("failure_rate");

    String md = Postmortem.render(resolved, catalog, null);
    assertThat(md).startsWith("# Postmortem INC-2026-0001: Performance degradation");
    for (String section : Postmortem.SECTIONS) {
      assertThat(md).contains("## " + section + "\n");
    }
    assertThat(md).contains("| Severity | SEV-2").contains("| Class | PERFORMANCE_DEGRADATION");

    drainWrites();
    IncidentEngine unloaded = new IncidentEngine(catalog, health, breakers, store, control, writer, clock);
    assertThat(unloaded.get(open.id())).as("not in memory").isEmpty();
    assertThat(await(() -> unloaded.lookup(open.id()))).as("but in control.db")
        .hasValueSatisfying(v -> assertThat(v.status()).isEqualTo("resolved"));
    assertThat(unloaded.refusal(open.id(), "resolve")).contains("already resolved");

    IncidentEngine restarted = loadedEngine();
    assertThat(restarted.get(open.id()).orElseThrow().status()).isEqualTo("resolved");
    clock.advance(Duration.ofMillis(31_000));
    requests(0, 30);
    tick(restarted);
    IncidentView next = restarted.list("open", null, 1).get(0);
    assertThat(next.id()).isEqualTo("INC-2026-0002");
    assertThat(next.severity()).as("most requests failing is a widespread outage").isEqualTo("SEV-1");
  }

  @Test
  void aBreakerResetBeforeTheNextTickStillOpensItsIncident() throws Exception {
    IncidentEngine engine = loadedEngine();
    requests(30, 0);
    tick(engine);
    Breaker cost = breakers.get(IncidentClass.COST_SPIKE);
    for (int i = 0; i < 10; i++) {
      ((WindowBreaker) cost.trigger()).record(i >= 6, "5100 tokens per request above 4000");
    }
    cost.setMode(new Breaker.ModeChange(BreakerMode.AUTO, "looked harmless", "alice", clock.instant()));
    assertThat(cost.view().state()).isEqualTo(BreakerState.CLOSED);

    clock.advance(Duration.ofMillis(1_000));
    tick(engine);
    IncidentView open = engine.list("open", IncidentClass.COST_SPIKE, 10).get(0);
    assertThat(open.severity()).isEqualTo("SEV-2");
    assertThat(open.reason()).contains("5100 tokens per request above 4000").contains("closed again");
    assertThat(open.timeline()).extracting(IncidentView.Entry::message)
        .anyMatch(m -> m.startsWith("COST_SPIKE breaker tripped: 4 of 10"))
        .anyMatch(m -> m.startsWith("alice set the COST_SPIKE breaker to auto"));

    clock.advance(Duration.ofMillis(1_000));
    tick(engine);
    assertThat(engine.get(open.id()).orElseThrow().signals()).as("one trip is one signal, not one per tick").isEmpty();
    assertThat(engine.list(null, null, 10)).hasSize(1);
  }

  @Test
  void severityOnlyRisesWhileOpenAndAnOperatorCanResolve() throws Exception {
    IncidentEngine engine = loadedEngine();
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    engine.notifyTo((event, incident) -> told.add(event + " " + incident.severity() + " " + incident.status()));
    requests(100, 6); // about 6%: yellow
    tick(engine);
    IncidentView open = engine.list("open", null, 10).get(0);
    assertThat(open.severity()).isEqualTo("SEV-3");
    clock.advance(Duration.ofMillis(1_000));
    requests(0, 40);
    tick(engine);
    assertThat(engine.get(open.id()).orElseThrow().severity()).isEqualTo("SEV-2");
    assertThat(engine.get(open.id()).orElseThrow().timeline()).extracting(IncidentView.Entry::kind).contains("severity");
    assertThat(engine.refusal(open.id(), "acknowledge")).isNull();
    on(() -> {
      engine.acknowledge(open.id(), "alice", "looking");
      engine.resolve(open.id(), "alice", "provider fixed");
      return null;
    });
    IncidentView done = engine.get(open.id()).orElseThrow();
    assertThat(done.acknowledgedBy()).isEqualTo("alice");
    assertThat(done.resolvedBy()).isEqualTo("alice");
    assertThat(engine.refusal(open.id(), "resolve")).contains("already resolved");
    assertThat(told).containsExactly("OPENED SEV-3 open", "SEVERITY_CHANGED SEV-2 open", "RESOLVED SEV-2 resolved");
  }

  @Test
  void aTrippedBreakerTellsTheListenerOfTheIncidentAndItsMitigationOnce() throws Exception {
    IncidentEngine engine = loadedEngine();
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    engine.notifyTo((event, incident) -> told.add(event + " " + incident.incidentClass()
        + (incident.mitigation() == null ? "" : " mitigated")));
    requests(30, 0);
    tick(engine);
    Breaker cost = breakers.get(IncidentClass.COST_SPIKE);
    for (int i = 0; i < 10; i++) {
      ((WindowBreaker) cost.trigger()).record(i >= 6, "5100 tokens per request above 4000");
    }
    assertThat(cost.view().state()).isEqualTo(BreakerState.OPEN);
    clock.advance(Duration.ofMillis(1_000));
    tick(engine);
    clock.advance(Duration.ofMillis(1_000));
    tick(engine);
    assertThat(told).containsExactly("OPENED COST_SPIKE", "MITIGATED COST_SPIKE mitigated");
  }

  @Test
  void aBreakerInObserveModeOpensItsIncidentWithoutMitigatingAndSaysWhatItWouldHaveDone() throws Exception {
    IncidentEngine engine = loadedEngine();
    Breaker cost = breakers.get(IncidentClass.COST_SPIKE);
    cost.setMode(new Breaker.ModeChange(BreakerMode.OBSERVE, "new deployment", "ops", clock.instant()));
    WindowBreaker window = (WindowBreaker) cost.trigger();
    for (int i = 0; i < 20; i++) {
      window.record(true, "5000 tokens per request above 4000");
    }
    assertThat(cost.view().state()).isEqualTo(BreakerState.OPEN);
    tick(engine);
    IncidentView open = engine.list("open", IncidentClass.COST_SPIKE, 1).get(0);
    assertThat(open.mitigatedAt()).isNull();
    assertThat(open.observed().breakerOpenedAt()).isNotNull();
    assertThat(open.observed().wouldHave()).startsWith("shedding tiers");
    assertThat(open.observed().requests()).isZero();
    assertThat(open.timeline()).extracting(IncidentView.Entry::kind).contains("observed").doesNotContain("mitigation");

    for (int i = 0; i < 3; i++) {
      assertThat(cost.act(gw.gateway.testing.FakeExchanges.chat(new gw.gateway.chain.Identity("k", "acme", "t", "pro"),
          "{\"model\":\"gpt-4o\"}"), "cost_spike/downgrade_model")).isFalse();
    }
    tick(engine);
    IncidentView counted = engine.get(open.id()).orElseThrow();
    assertThat(counted.observed().requests()).isEqualTo(3);
    assertThat(counted.intercepted()).isZero();
    assertThat(counted.timeline()).extracting(IncidentView.Entry::kind).containsOnlyOnce("observed");

    on(() -> {
      engine.resolve(open.id(), "alice", "cost back to normal");
      return null;
    });
    String md = Postmortem.render(engine.get(open.id()).orElseThrow(), catalog, null);
    assertThat(md).contains("The COST_SPIKE breaker was in observe mode and opened at")
        .contains("so it intercepted nothing; it would have been shedding tiers")
        .contains("for 3 requests.")
        .contains("- Requests it would have acted on in observe mode: 3")
        .contains("the breaker was in observe mode, so users saw the fault");

    drainWrites();
    IncidentView reloaded = loadedEngine().get(open.id()).orElseThrow();
    assertThat(reloaded.observed()).as("kept in control.db").isEqualTo(counted.observed());
  }
}
