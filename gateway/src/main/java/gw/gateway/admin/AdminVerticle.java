package gw.gateway.admin;

import gw.gateway.config.GatewayConfig;
import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.metrics.GatewayMetrics;
import gw.gateway.detect.HealthMetrics;
import gw.gateway.incident.IncidentEngine;
import gw.gateway.policy.breaker.Breakers;
import gw.gateway.policy.budget.BudgetLedger;
import gw.gateway.policy.budget.SpendBook;
import gw.gateway.policy.prompt.PromptRegistry;
import gw.gateway.replay.ReplayIdentities;
import gw.gateway.replay.Replayer;
import gw.gateway.policy.observe.TraceRecorder;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.store.TracePage;
import gw.traces.redact.Redactor;
import gw.traces.store.Availability;
import gw.traces.store.TraceStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import gw.gateway.shared.Dependency;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin API on its own port: health and Prometheus metrics without auth (the port is bound to
 * localhost by default), everything under /admin behind a bearer token.
 */
public final class AdminVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(AdminVerticle.class.getName());
  private final GatewayConfig config;
  private final TraceStore store;
  private final TraceRecorder recorder;
  private final GatewayMetrics metrics;
  private final BreakersApi breakers;
  private final AuditApi audit;
  private final CostsApi costs;
  private final PromptsApi prompts;
  private final ReplayApi replay;
  private final Replayer replayer;
  private final HealthMetrics health;
  private final List<Supplier<Dependency.View>> dependencies;
  private final IncidentEngine incidentEngine;
  private final IncidentsApi incidents;
  private final TraceImportApi imports;
  private HttpServer server;
  private Router router;
  private final ConsoleSessions sessions;
  private final AdminAuth auth;
  private final ConsoleRoutes console;
  private final LiveSources liveSources;
  private final AuditLog auditLog;
  private ChaosApi chaos;

  /** What the console's live feed reads, kept until the verticle has its Vert.x. */
  private record LiveSources(GatewayMetrics metrics, HealthMetrics health, Breakers breakers, IncidentEngine incidents,
      Clock clock) {}

  public AdminVerticle(GatewayConfig config, TraceStore store, TraceRecorder recorder, GatewayMetrics metrics,
      Breakers breakers, AuditLog auditLog, SpendBook spendBook, BudgetLedger ledger, PromptRegistry prompts,
      HealthMetrics health, List<Supplier<Dependency.View>> dependencies, Replayer replayer, ReplayIdentities identities, IncidentEngine incidentEngine,
      Redactor redactor, Clock clock) {
    this.health = health;
    this.dependencies = dependencies;
    this.incidentEngine = incidentEngine;
    this.incidents = new IncidentsApi(incidentEngine, auditLog);
    this.replayer = replayer;
    this.replay = new ReplayApi(replayer, store, auditLog);
    this.imports = new TraceImportApi(store, identities, auditLog, redactor);
    this.costs = new CostsApi(spendBook, ledger, clock);
    this.prompts = new PromptsApi(prompts, auditLog);
    this.config = config;
    this.store = store;
    this.recorder = recorder;
    this.metrics = metrics;
    this.breakers = new BreakersApi(breakers, auditLog, clock);
    this.auditLog = auditLog;
    this.sessions = new ConsoleSessions(clock::millis);
    this.auth = new AdminAuth(config.adminTokens(), sessions);
    this.console = new ConsoleRoutes(auth, sessions);
    this.liveSources = new LiveSources(metrics, health, breakers, incidentEngine, clock);
    this.audit = new AuditApi(auditLog);
  }

  /**
   * A POST route whose role check runs before its body is read (a route of its own, since Vert.x
   * wants a route's body handler first): a caller without the role never gets a body read. File
   * uploads are off, so no request can make it write to disk.
   */
  private static void guarded(Router router, String path, Handler<RoutingContext> guard, long bodyLimit,
      Handler<RoutingContext> handler) {
    router.post(path).handler(guard);
    router.post(path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(handler);
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    // Failures Vert.x answers itself (a body over a route's limit, an unknown path, a bug) keep the error shape.
    router.errorHandler(413, ctx -> AdminResponses.error(ctx, 413, "request_too_large",
        "The request body is larger than this admin route accepts."));
    router.errorHandler(404, ctx -> AdminResponses.error(ctx, 404, "unknown_url",
        "Unknown admin URL: " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(405, ctx -> AdminResponses.error(ctx, 405, "method_not_allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(500, ctx -> {
      LOG.log(System.Logger.Level.ERROR, "admin request " + ctx.request().method() + " " + ctx.request().path()
          + " failed", ctx.failure());
      if (ctx.response().headWritten()) {
        ctx.response().reset(); // the answer was already under way: cut it rather than write a second
      } else {
        AdminResponses.error(ctx, 500, "admin_error", "The admin API failed to process the request; see the gateway log.");
      }
    });
    router.get("/healthz").handler(ctx -> AdminResponses.json(ctx, 200,
        new JsonObject().put("status", status()).toBuffer()));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    console.mount(router);
    LiveFeed live = new LiveFeed(vertx, liveSources.metrics(), liveSources.health(), liveSources.breakers(),
        liveSources.incidents(), liveSources.clock()::millis, sessions);
    router.route("/admin/*").handler(auth);
    router.get("/admin/*").handler(AdminAuth.requires(Role.VIEWER));
    router.get("/admin/live").handler(live::stream);
    chaos = new ChaosApi(vertx, config.embeddedMock(), auditLog);
    router.get("/admin/chaos").handler(chaos::show);
    guarded(router, "/admin/chaos", AdminAuth.requiresGlobal(Role.OPERATOR), 16 * 1024, chaos::set);
    router.delete("/admin/chaos").handler(AdminAuth.requiresGlobal(Role.OPERATOR)).handler(chaos::clear);
    router.get("/admin/traces").handler(this::listTraces);
    guarded(router, "/admin/traces/import", AdminAuth.requires(Role.MAINTAINER), 32 * 1024 * 1024,
        imports::importTraces);
    router.get("/admin/traces/:id").handler(this::getTrace);
    router.get("/admin/store").handler(this::storeStats);
    router.get("/admin/breakers").handler(breakers::list);
    router.get("/admin/breakers/:class").handler(breakers::get);
    guarded(router, "/admin/breakers/:class", AdminAuth.requiresGlobal(Role.OPERATOR), 16 * 1024, breakers::setMode);
    router.get("/admin/audit").handler(audit::list);
    router.get("/admin/costs").handler(costs::report);
    router.get("/admin/health").handler(this::health);
    router.get("/admin/health/metrics").handler(this::healthMetrics);
    router.get("/admin/incidents").handler(incidents::list);
    router.get("/admin/incidents/:id").handler(incidents::get);
    router.get("/admin/incidents/:id/postmortem").handler(incidents::postmortem);
    guarded(router, "/admin/incidents/:id/acknowledge", AdminAuth.requiresGlobal(Role.OPERATOR), 16 * 1024,
        incidents::acknowledge);
    guarded(router, "/admin/incidents/:id/resolve", AdminAuth.requiresGlobal(Role.OPERATOR), 16 * 1024,
        incidents::resolve);
    guarded(router, "/admin/replay", AdminAuth.requires(Role.OPERATOR), 16 * 1024, replay::replay);
    guarded(router, "/admin/replay/jobs", AdminAuth.requires(Role.OPERATOR), 32 * 1024 * 1024, replay::startJob);
    router.get("/admin/replay/jobs/:id").handler(replay::job);
    router.get("/admin/prompts").handler(prompts::list);
    router.get("/admin/prompts/:id").handler(prompts::get);
    guarded(router, "/admin/prompts/:id/versions", AdminAuth.requiresGlobal(Role.MAINTAINER), 256 * 1024,
        prompts::addVersion);
    guarded(router, "/admin/prompts/:id", AdminAuth.requiresGlobal(Role.MAINTAINER), 16 * 1024, prompts::update);
    router.route("/admin/*").last().handler(ctx -> AdminResponses.error(ctx, 404, "unknown_admin_route",
        "No admin route " + ctx.request().method() + " " + ctx.request().path()));
    server = vertx.createHttpServer();
    return console.load(vertx).compose(loaded -> incidentEngine.load()).compose(v -> {
      vertx.setPeriodic(incidentEngine.evaluateEveryMs(), id -> incidentEngine.tick()); // ends with the verticle
      live.start();
      return server.requestHandler(router).listen(config.listen().adminPort(), config.listen().host());
    });
  }

  /**
   * Every admin route as {@code METHOD path} (the role guards and the catch-all left out), so a test
   * can hold each one to its access rule and notice a route added without one.
   */
  public java.util.SortedSet<String> routes() {
    java.util.SortedSet<String> routes = new java.util.TreeSet<>();
    for (io.vertx.ext.web.Route r : router.getRoutes()) {
      if (r.getPath() != null && r.getPath().startsWith("/admin/") && r.isExactPath() && r.methods() != null) {
        r.methods().forEach(m -> routes.add(m.name() + " " + r.getPath()));
      }
    }
    return routes;
  }

  /** "degraded" while a shared backend is unreachable (the gateway still serves: a load balancer keeps it). */
  private String status() {
    return dependencies.stream().allMatch(d -> d.get().up()) ? "ok" : "degraded";
  }

  /** This instance and each shared backend: up, or degraded since when and why. */
  private void health(RoutingContext ctx) {
    JsonArray deps = new JsonArray();
    for (Supplier<Dependency.View> d : dependencies) {
      Dependency.View v = d.get();
      deps.add(new JsonObject().put("name", v.name()).put("state", v.up() ? "up" : "degraded")
          .put("since", v.since() == null ? null : v.since().toString()).put("last_error", v.lastError()));
    }
    AdminResponses.json(ctx, 200, new JsonObject().put("status", status()).put("instance", config.fleet().instanceId())
        .put("incident_leader", incidentEngine.incidentLeader()).put("dependencies", deps).toBuffer());
  }

  /** {@code ?window_seconds=N} narrows the window (incidents are triaged over the detection window). */
  private void healthMetrics(RoutingContext ctx) {
    String asked = ctx.queryParams().get("window_seconds");
    long seconds = health.thresholds().windowSeconds();
    if (asked != null) {
      try {
        seconds = Long.parseLong(asked);
      } catch (NumberFormatException e) {
        seconds = 0;
      }
      if (seconds < 1 || seconds > health.thresholds().windowSeconds()) {
        AdminResponses.error(ctx, 400, "invalid_window", "window_seconds must be a whole number from 1 to "
            + health.thresholds().windowSeconds() + ".");
        return;
      }
    }
    HealthMetrics.Report report = health.report(seconds, AdminAuth.caller(ctx).tenant());
    AdminResponses.json(ctx, 200, Buffer.buffer(AdminResponses.SNAKE_JSON.valueToTree(report).toString()));
  }

  /** The replayer's HTTP client goes with the admin API. */
  @Override
  public Future<?> stop() {
    return chaos == null ? replayer.close() : Future.all(replayer.close(), chaos.close());
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** One incident evaluation now, on this verticle's context like the periodic ones. */
  public Future<Void> evaluateIncidents() {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      incidentEngine.tick();
      done.complete();
    });
    return done.future();
  }

  private void listTraces(RoutingContext ctx) {
    AdminToken caller = AdminAuth.caller(ctx);
    vertx.executeBlocking(() -> {
      TracePage page = store.query(TraceQueries.from(ctx.queryParams(), caller));
      Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("object", "list");
      body.put("data", page.items());
      body.put("next_cursor", page.nextCursor());
      return Buffer.buffer(TraceJson.MAPPER.writeValueAsBytes(body));
    }, false).onComplete(ar -> {
      if (ar.succeeded()) {
        AdminResponses.json(ctx, 200, ar.result());
      } else if (ar.cause() instanceof IllegalArgumentException bad) {
        AdminResponses.error(ctx, 400, "invalid_query", bad.getMessage());
      } else {
        AdminResponses.error(ctx, 500, "store_error", "Trace query failed: " + ar.cause().getMessage());
      }
    });
  }

  private void getTrace(RoutingContext ctx) {
    AdminToken caller = AdminAuth.caller(ctx);
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> {
      Optional<TraceRecord> found = store.findById(id)
          .filter(r -> caller.tenant() == null || caller.tenant().equals(r.tenant()));
      return found.isEmpty() ? null : Buffer.buffer(TraceJson.MAPPER.writeValueAsBytes(found.get()));
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        AdminResponses.error(ctx, 500, "store_error", "Trace lookup failed: " + ar.cause().getMessage());
      } else if (ar.result() == null) {
        AdminResponses.error(ctx, 404, "trace_not_found", "No stored trace " + id
            + " (it may be sampled out, dropped, or still in the write queue for up to a second)");
      } else {
        AdminResponses.json(ctx, 200, ar.result());
      }
    });
  }

  private void storeStats(RoutingContext ctx) {
    TraceRecorder.Counts c = recorder.counts();
    JsonObject body = new JsonObject()
        .put("stored", c.stored())
        .put("dropped", c.dropped())
        .put("rejected", c.rejected())
        .put("not_sampled", c.notSampled())
        .put("pending", c.pending());
    Availability database = store.availability();
    // Up or down and since when; the cause (host names) stays in the log, not in a viewer's answer.
    body.put("database", new JsonObject().put("up", database.up())
        .put("since", database.since() == null ? null : database.since().toString()));
    AdminResponses.json(ctx, 200, body.toBuffer());
  }
}
