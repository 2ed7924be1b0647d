package gw.gateway.server;

import gw.gateway.admin.AdminVerticle;
import gw.gateway.admin.AuditLog;
import gw.gateway.replay.ReplayIdentities;
import gw.gateway.chain.Policy;
import gw.gateway.chain.PolicyChain;
import gw.gateway.config.BudgetsConfig;
import gw.gateway.config.BudgetsConfigLoader;
import gw.gateway.config.ConfigSource;
import gw.gateway.config.GatewayConfig;
import gw.gateway.config.Pipelines;
import gw.gateway.cost.Pricing;
import gw.gateway.cost.TokenCounter;
import gw.gateway.detect.HealthMetrics;
import gw.gateway.detect.Thresholds;
import gw.gateway.incident.IncidentCatalog;
import gw.gateway.incident.IncidentClass;
import gw.gateway.incident.IncidentEngine;
import gw.gateway.incident.IncidentNotifier;
import gw.gateway.logging.AccessLog;
import gw.gateway.metering.Meter;
import gw.gateway.metering.MeteringStage;
import gw.gateway.metrics.GatewayMetrics;
import gw.gateway.upstream.ProviderErrors;
import gw.gateway.metrics.RequestMetrics;
import gw.gateway.otlp.GenAiSpans;
import gw.gateway.otlp.OtlpExporter;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.policy.breaker.Breakers;
import gw.gateway.policy.breaker.BreakersConfig;
import gw.gateway.policy.breaker.CostSpikePolicy;
import gw.gateway.policy.breaker.DataIncidentPolicy;
import gw.gateway.policy.breaker.QualityDegradationPolicy;
import gw.gateway.policy.breaker.RetrievalOutagePolicy;
import gw.gateway.policy.breaker.UpstreamBreaker;
import gw.gateway.policy.breaker.UpstreamGuard;
import gw.gateway.policy.budget.BudgetLedger;
import gw.gateway.policy.budget.BudgetPeriod;
import gw.gateway.policy.budget.BudgetPolicy;
import gw.gateway.policy.budget.SpendBook;
import gw.gateway.policy.budget.SpendRecorder;
import gw.gateway.policy.context.RequestContextPolicy;
import gw.gateway.policy.forward.ForwardRules;
import gw.gateway.policy.forward.StreamUsagePolicy;
import gw.gateway.policy.identify.IdentifyPolicy;
import gw.gateway.policy.limit.RateLimitPolicy;
import gw.gateway.shared.Dependency;
import gw.gateway.shared.SharedState;
import gw.gateway.policy.observe.TraceAssembler;
import gw.gateway.policy.observe.TraceRecorder;
import gw.gateway.policy.prompt.PromptPolicy;
import gw.gateway.policy.prompt.PromptRegistry;
import gw.gateway.policy.redact.UpstreamRedactionPolicy;
import gw.gateway.replay.Replayer;
import gw.gateway.state.BreakerModeRow;
import gw.gateway.state.ControlStore;
import gw.traces.quality.QualityProxies;
import gw.traces.redact.Redactor;
import gw.traces.redact.UserIdHasher;
import gw.traces.sampling.Sampler;
import gw.traces.sampling.RetentionRules;
import gw.traces.sampling.SamplingRules;
import gw.traces.store.SqliteTraceStore;
import gw.traces.store.TraceRetention;
import gw.traces.store.TraceStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: opens the trace store, builds the policy chain from configuration,
 * deploys one data-plane verticle per core and the admin verticle, and closes all of it in order.
 */
public final class Gateway {
  /** This build's version, as the OTLP resource and scope report it. */
  public static final String VERSION = "0.1.0";
  private static final long SPEND_FLUSH_MS = 1_000;
  private final Vertx vertx;
  private final TraceStore store;
  private final ControlStore control;
  private final MeteringStage metering;
  private final TraceRecorder recorder;
  /** Background senders (OTLP export, incident notifications): closed after metering, before the stores. */
  private final List<AutoCloseable> senders;
  private final SpendBook spendBook;
  private final List<Long> timers;
  private final InFlight inFlight;
  private final List<String> deployments;
  private final int port;
  private final int adminPort;
  private final AdminVerticle admin;

  private Gateway(Vertx vertx, TraceStore store, ControlStore control, MeteringStage metering, TraceRecorder recorder,
      List<AutoCloseable> senders, SpendBook spendBook, List<Long> timers, InFlight inFlight, List<String> deployments,
      int port, AdminVerticle admin) {
    this.senders = senders;
    this.spendBook = spendBook;
    this.timers = timers;
    this.vertx = vertx;
    this.store = store;
    this.control = control;
    this.metering = metering;
    this.recorder = recorder;
    this.inFlight = inFlight;
    this.deployments = deployments;
    this.port = port;
    this.adminPort = admin.actualPort();
    this.admin = admin;
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, ConfigSource configSource) {
    return start(vertx, config, configSource, Clock.systemUTC());
  }

  /**
   * {@code clock} is the one time source of every window, breaker, budget period, rate limit, incident
   * and trace timestamp, so a test can move time instead of waiting for it.
   */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, ConfigSource configSource, Clock clock) {
    AtomicReference<Stores> opened = new AtomicReference<>();
    return vertx.executeBlocking(() -> {
      Pricing pricing = Pricing.load(configSource);
      BreakersConfig breakersConfig = BreakersConfig.load(configSource);
      QualityProxies quality = QualityDegradationPolicy.proxies(configSource);
      ForwardRules forward = ForwardRules.load(configSource);
      Thresholds thresholds = Thresholds.load(configSource);
      // Checked at start-up so a bad incidents.json stops the gateway now, not during an incident.
      IncidentCatalog incidents = IncidentCatalog.load(configSource);
      BudgetsConfig budgets = BudgetsConfigLoader.load(configSource);
      SamplingRules rules = configSource.read("observability_contract.json", SamplingRules::fromJson);
      Redactor redactor = configSource.read(Redactor.PATTERNS_FILE, Redactor::fromJson);
      RetentionRules retention = configSource.read("observability_contract.json", RetentionRules::fromJson);
      String salt = UserIdSalt.resolve(config.traces().userIdSalt(), config.dataDir(), config.environment());
      Stores stores = Stores.open(vertx, config);
      opened.set(stores);
      TraceStore store = stores.traces();
      ControlStore control = stores.control();
      // Class loading for the breakers and the admin's body handling is slow on a busy box: not on an event loop.
      UpstreamBreaker upstreamBreaker = new UpstreamBreaker(vertx, breakersConfig.performance(), clock::millis);
      Breakers breakers = new Breakers(breakersConfig, clock::millis, upstreamBreaker);
      breakers.restore(savedModes(control));
      IncidentEngine.warmUp(thresholds, breakers);
      PromptRegistry prompts = PromptRegistry.load(configSource, control.promptStates());
      byte[] secret = new byte[24];
      new java.security.SecureRandom().nextBytes(secret);
      // Replays authenticate with this key; it is made here and never leaves the process.
      String replayKey = "gw-replay-" + java.util.HexFormat.of().formatHex(secret);
      BudgetLedger ledger = new BudgetLedger(budgets.budgets(), clock);
      restoreSpend(ledger, budgets, control, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
      io.vertx.ext.web.handler.BodyHandler.create();
      // Tokenizer tables and redaction patterns take hundreds of ms to load: never on an event loop.
      return new Parts(pricing, breakers, upstreamBreaker, quality, forward, thresholds, incidents, budgets, ledger, prompts,
          replayKey, rules, retention, salt, new TokenCounter(), redactor, store,
          control, clock, new GatewayMetrics());
    }).onFailure(e -> closeOpened(vertx, opened.get()))
        .compose(parts -> vertx.executeBlocking(() -> deploy(vertx, config, parts)).compose(deployed -> deployed));
  }

  /** A start that failed after the stores opened (a bad prompts.json, unreadable saved state) leaves none open. */
  private static void closeOpened(Vertx vertx, Stores stores) {
    if (stores != null) {
      vertx.executeBlocking(() -> {
        stores.close();
        return null;
      });
    }
  }

  private record Parts(Pricing pricing, Breakers breakers, UpstreamBreaker upstreamBreaker, QualityProxies quality,
      ForwardRules forward, Thresholds thresholds, IncidentCatalog incidents, BudgetsConfig budgets, BudgetLedger ledger, PromptRegistry prompts, String replayKey,
      SamplingRules rules, RetentionRules retention, String salt, TokenCounter tokens, Redactor redactor,
      TraceStore store, ControlStore control, Clock clock, GatewayMetrics metrics) {}

  /** Each budget starts from what its scope already spent this UTC day and month, so a restart frees nothing. */
  private static void restoreSpend(BudgetLedger ledger, BudgetsConfig budgets, ControlStore control, LocalDate today) {
    for (BudgetsConfig.Budget b : budgets.budgets()) {
      String dimension = b.scope().wireName();
      ledger.restore(b.scope(), b.name(), BudgetPeriod.DAILY, control.spentSince(today, dimension, b.name()));
      ledger.restore(b.scope(), b.name(), BudgetPeriod.MONTHLY,
          control.spentSince(today.withDayOfMonth(1), dimension, b.name()));
    }
  }

  /** Breaker modes operators set before a restart; an unreadable row is skipped with a warning. */
  private static Map<IncidentClass, Breaker.ModeChange> savedModes(ControlStore control) {
    Map<IncidentClass, Breaker.ModeChange> modes = new EnumMap<>(IncidentClass.class);
    for (BreakerModeRow row : control.breakerModes().values()) {
      try {
        modes.put(IncidentClass.parse(row.incidentClass()),
            new Breaker.ModeChange(BreakerMode.parse(row.mode()), row.reason(), row.actor(), row.at()));
      } catch (IllegalArgumentException e) {
        System.getLogger(Gateway.class.getName()).log(System.Logger.Level.WARNING,
            "ignoring saved breaker mode " + row + ": " + e.getMessage());
      }
    }
    return modes;
  }

  /**
   * Wires the parts and deploys the verticles. Called on a worker: it loads hundreds of classes, slow
   * on a busy box; the timers it sets still fire on the calling context's event loop.
   */
  private static Future<Gateway> deploy(Vertx vertx, GatewayConfig config, Parts parts) {
    GatewayMetrics metrics = parts.metrics();
    Clock clock = parts.clock();
    HealthMetrics health = new HealthMetrics(parts.thresholds(), clock::millis, config.adminTokens().stream()
        .map(GatewayConfig.AdminToken::tenant).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
    RequestMetrics requestMetrics = metrics.requests(parts.pricing());
    MeteringStage metering = new MeteringStage(new Meter(parts.pricing(), parts.tokens(), parts.quality()),
        config.traces().queueCapacity());
    OtlpExporter exporter = config.otlp().enabled() ? new OtlpExporter(config.otlp(), new GenAiSpans(
        config.otlp().serviceName(), VERSION, config.fleet().instanceId(), config.routing(), config.otlp().captureContent()))
        : null;
    if (exporter != null) {
      metrics.countFrom("gw.otlp.spans.exported", "Spans the OTLP endpoint accepted", exporter,
          OtlpExporter::exportedSpans);
      metrics.countFrom("gw.otlp.spans.dropped", "Spans never exported: queue full, or every attempt failed",
          exporter, OtlpExporter::droppedSpans);
      metrics.countFrom("gw.otlp.export.failures", "OTLP export requests that failed (each attempt)", exporter,
          OtlpExporter::failedRequests);
    }
    TraceRecorder recorder = new TraceRecorder(config.environment(), new Sampler(parts.rules(), new Random()),
        new TraceAssembler(config.environment(), new UserIdHasher(parts.salt())), parts.redactor(), parts.store(),
        metering, exporter == null ? record -> { } : exporter::offer);
    // Equal subscribers after the exchange's own settlements; none reads what another wrote.
    metering.subscribe((ex, m) -> health.observe(ex, m.metered(), m.timings().totalMs(), m.timings().ttftMs()))
        .subscribe((ex, m) -> {
          metrics.recordOverhead(ex.route(), m.timings().gatewayNanos());
          requestMetrics.record(ex, m.metered(), m.timings().totalMs(), m.timings().upstreamMs(), m.timings().ttftMs());
          requestMetrics.recordTokenDetails(ex, m.tokens());
        })
        .subscribe(recorder)
        .subscribe(new AccessLog(parts.redactor())); // after the recorder: the line carries its sampling decision
    Breakers breakers = parts.breakers();
    metrics.breakers(breakers);
    metrics.budgets(parts.ledger());
    UpstreamGuard upstreamGuard = new UpstreamGuard(breakers, parts.upstreamBreaker());
    SharedState shared = SharedState.wire(vertx, config, parts.ledger(), breakers, parts.store(), parts.control(),
        clock);
    for (Supplier<Dependency.View> d : shared.dependencies()) {
      metrics.gauge("gw.dependency.up", "1 while a shared backend answers, 0 while the gateway serves from local state",
          d, dep -> dep.get().up() ? 1 : 0, "name", d.get().name());
    }
    WorkerExecutor controlWriter = vertx.createSharedWorkerExecutor("gw-control", 1);
    AuditLog audit = new AuditLog(parts.control(), controlWriter, clock);
    SpendRecorder spend = new SpendRecorder(clock, config.limits().maxLabelValues());
    metrics.countFrom("gw.spend.labels.overflowed", "Metered calls booked under _other: the day's distinct "
        + "feature/model/tag combinations were used up (limits.max_label_values)", spend, SpendRecorder::overflowed);
    SpendBook spendBook = new SpendBook(spend, parts.control(), controlWriter);
    long spendTimer = vertx.setPeriodic(SPEND_FLUSH_MS, id -> spendBook.flush());
    List<Long> timers = new ArrayList<>(List.of(spendTimer));
    if (!parts.retention().isEmpty()) {
      if (parts.store() instanceof SqliteTraceStore sqlite) {
        timers.add(RetentionSchedule.start(vertx, TraceRetention.of(sqlite), parts.retention(), clock));
      } else {
        LoggerFactory.getLogger(Gateway.class).info("trace retention (observability_contract.json) is not applied to"
            + " the PostgreSQL trace store: delete old rows there with SQL (docs/TRACES.md, In PostgreSQL)");
      }
    }
    vertx.setPeriodic(60_000, id -> health.sampleMinute()); // ends with the Vertx instance
    Map<String, Supplier<Policy>> policies = Map.ofEntries(
        Map.entry("identify", () -> new IdentifyPolicy(config.keys(), parts.replayKey())),
        Map.entry("context", RequestContextPolicy::new),
        Map.entry("rate_limit", () -> new RateLimitPolicy(parts.budgets(), shared.limiter())),
        Map.entry("budget", () -> new BudgetPolicy(parts.budgets(), shared.budgets(), parts.pricing())),
        Map.entry("spend", () -> spend),
        Map.entry("retrieval_outage", () -> new RetrievalOutagePolicy(breakers)),
        Map.entry("cost_spike", () -> new CostSpikePolicy(breakers)),
        Map.entry("quality_degradation", () -> new QualityDegradationPolicy(breakers)),
        Map.entry("prompt", () -> new PromptPolicy(parts.prompts())),
        Map.entry("upstream_redaction", () -> new UpstreamRedactionPolicy(parts.redactor())),
        Map.entry("data_incident", () -> new DataIncidentPolicy(breakers, parts.redactor(),
            config.limits().maxStreamEventBytes())));
    List<Policy> steps = new ArrayList<>(config.pipeline().stream().filter(name -> !name.equals(Pipelines.TRACE))
        .map(name -> policies.get(name).get()).toList());
    if (parts.forward().requestStreamUsage()) {
      steps.add(new StreamUsagePolicy()); // last: its chunk side sees the provider's bytes first
    }
    PolicyChain chain = new PolicyChain(steps);

    List<String> ids = new ArrayList<>();
    InFlight inFlight = new InFlight();
    metrics.gauge("gw.requests.in.flight", "Requests the data plane is working on", inFlight, InFlight::current);
    EdgeCounters edge = new EdgeCounters();
    for (EdgeCounters.Reason reason : EdgeCounters.Reason.values()) {
      metrics.countFrom("gw.edge.rejected", "Connections and requests the edge turned away before the policy chain",
          edge, e -> e.count(reason), "reason", reason.label());
    }
    DataPlane dataPlane = new DataPlane(config, chain, metering, inFlight, edge, upstreamGuard, parts.forward(),
        new ProviderErrors(parts.redactor()), new gw.gateway.upstream.Providers(config.routing()), clock);
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    // A negative port makes all instances share one random port (Vert.x server sharing).
    int port = config.listen().port() == 0 ? -1 : config.listen().port();
    List<DataPlaneVerticle> dataPlanes = new java.util.concurrent.CopyOnWriteArrayList<>();
    metrics.gauge("gw.requests.per.minute", "Finished requests over the last 60 s (RPM)", health,
        h -> h.lastMinute().requests());
    metrics.gauge("gw.tokens.per.minute", "Tokens in and out over the last 60 s (TPM)", health,
        h -> h.lastMinute().tokens());
    metrics.gauge("gw.traces.queue.depth", "Finished requests waiting to be metered and traced (saturation)",
        metering, MeteringStage::pending);
    metrics.gauge("gw.traces.queue.capacity", "Capacity of the metering queue", metering, MeteringStage::capacity);
    metrics.countFrom("gw.traces.stored", "Traces written to the store", recorder, r -> r.counts().stored());
    metrics.countFrom("gw.traces.dropped", "Traces lost to a full queue or a failed write", recorder,
        r -> r.counts().dropped());
    metrics.countFrom("gw.traces.rejected", "Traces that failed validation", recorder, r -> r.counts().rejected());
    metrics.countFrom("gw.traces.not.sampled", "Traces skipped by the sampling rules", recorder,
        r -> r.counts().notSampled());
    metrics.countFrom("gw.control.store.failures", "control.db operations that failed (full disk, I/O error):"
        + " spend is kept for the next write, admin changes are refused", parts.control(), ControlStore::failures);
    IncidentEngine incidents = new IncidentEngine(parts.incidents(), health, breakers, parts.store(), parts.control(),
        controlWriter, clock);
    shared.lead(incidents);
    List<AutoCloseable> senders = new ArrayList<>();
    if (exporter != null) {
      senders.add(exporter);
    }
    senders.add(shared); // after metering: every settlement has been sent
    AtomicReference<String> adminUrl = new AtomicReference<>(config.notifications().adminUrl());
    if (!config.notifications().webhooks().isEmpty()) {
      IncidentNotifier notifier = new IncidentNotifier(config.notifications(), adminUrl::get);
      incidents.notifyTo(notifier::notify);
      metrics.countFrom("gw.incident.notifications.sent", "Incident notifications a webhook accepted", notifier,
          IncidentNotifier::sent);
      metrics.countFrom("gw.incident.notifications.failed", "Incident notifications not delivered", notifier,
          IncidentNotifier::failed);
      senders.add(notifier);
    }
    ReplayIdentities identities = new ReplayIdentities(config.keys());
    AdminVerticle admin = new AdminVerticle(config, parts.store(), recorder, metrics, breakers, audit, spendBook,
        parts.ledger(), parts.prompts(), health, shared.dependencies(), new Replayer(vertx, () -> dataPlanes.get(0).actualPort(),
        parts.replayKey(), identities, parts.store(), recorder, parts.prompts(), breakers.config().diagnoser(),
        incidents), identities, incidents, parts.redactor(), clock);
    return shared.start().compose(ready -> vertx.deployVerticle(() -> {
          DataPlaneVerticle v = new DataPlaneVerticle(dataPlane, port);
          dataPlanes.add(v);
          return v;
        }, new DeploymentOptions().setInstances(instances).setThreadingModel(ThreadingModel.EVENT_LOOP)))
        .compose(id -> {
          ids.add(id);
          return vertx.deployVerticle(admin);
        })
        .map(id -> {
          ids.add(id);
          adminUrl.compareAndSet(null, "http://" + config.listen().host() + ":" + admin.actualPort());
          LoggerFactory.getLogger(Gateway.class).atInfo().setMessage("gateway started")
              .addKeyValue("environment", config.environment())
              .addKeyValue("port", dataPlanes.get(0).actualPort())
              .addKeyValue("admin_port", admin.actualPort())
              .addKeyValue("pipeline", config.pipeline())
              .addKeyValue("otlp_export", config.otlp().enabled())
              .addKeyValue("retention", !parts.retention().isEmpty() && parts.store() instanceof SqliteTraceStore)
              .addKeyValue("store", config.stateLocation())
              .log();
          return new Gateway(vertx, parts.store(), parts.control(), metering, recorder, senders, spendBook, timers,
              inFlight, ids, dataPlanes.get(0).actualPort(), admin);
        })
        .recover(err -> vertx.executeBlocking(() -> {
          timers.forEach(vertx::cancelTimer);
          metering.close();
          closeAll(senders);
          new Stores(parts.store(), parts.control()).close();
          return null;
        }).transform(ignored -> Future.failedFuture(err)));
  }

  public int port() {
    return port;
  }

  public int adminPort() {
    return adminPort;
  }

  /** Every admin route as {@code METHOD path}: what an access test must cover. */
  public java.util.SortedSet<String> adminRoutes() {
    return admin.routes();
  }

  /**
   * Evaluates incidents now, as the {@code evaluate_every_ms} timer does: for callers that must know a
   * tick happened after what they did (tests) rather than wait for the timer.
   */
  public Future<Void> evaluateIncidents() {
    return admin.evaluateIncidents();
  }

  public TraceStore store() {
    return store;
  }

  /**
   * Completes once every request so far has finished (waiting up to 10 s for those in flight) and
   * its trace is in the store (or counted as dropped).
   */
  public Future<Void> flushTraces() {
    return vertx.executeBlocking(() -> {
      inFlight.awaitIdle(10_000);
      recorder.flush();
      return null;
    });
  }

  private static void closeAll(List<AutoCloseable> senders) throws Exception {
    for (AutoCloseable s : senders) {
      s.close();
    }
  }

  /** Stops taking requests, lets queued traces reach the disk, then closes the store. */
  public Future<Void> close() {
    Future<Void> undeployed = Future.succeededFuture();
    for (String id : deployments) {
      undeployed = undeployed.compose(v -> vertx.undeploy(id));
    }
    return undeployed
        .compose(v -> vertx.executeBlocking(() -> {
          metering.close();
          closeAll(senders); // after metering: every stored trace has been offered
          return null;
        }))
        .compose(v -> {
          timers.forEach(vertx::cancelTimer);
          return spendBook.flush(); // every settlement has run: write the last spend before closing
        })
        .compose(v -> vertx.executeBlocking(() -> {
          new Stores(store, control).close();
          return null;
        }));
  }
}
