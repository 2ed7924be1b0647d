package gw.gateway.admin;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.incident.IncidentClass;
import gw.gateway.testing.FastDetection;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import gw.gateway.testing.MutableClock;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every admin route by every role and tenant scope. The table below must name exactly the routes the
 * admin router has, so a route added without a row (and so without a decided guard) fails the test.
 * Tenant acme's tokens are then held to never seeing tenant beta's data on any route: traces, costs,
 * audit, incidents, replays, prompts, breakers, health.
 */
class AdminAccessTest {
  private static final MutableClock clock = new MutableClock(Instant.now());
  @RegisterExtension static final GatewaySystem system = GatewaySystem.with(GatewayHarness.Options.defaults()
      .withClock(clock)
      .withConfig("thresholds.json", FastDetection.thresholds(Map.of()))
      .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 60_000))
      .withConfig("forward.json", Map.of("/retry/max_attempts", 1)));
  static GatewayHarness gw;

  private static final List<String> ACME_TRACES = new ArrayList<>();
  private static final List<String> BETA_TRACES = new ArrayList<>();
  private static String incident;
  private static String acmeJob;
  private static String betaJob;

  enum Scope { GLOBAL, ACME, BETA }

  /** An admin credential under test; {@code role} null for the ones that are not admin tokens at all. */
  record Caller(String name, String token, Role role, Scope scope) {}

  static final List<Caller> CALLERS = List.of(
      new Caller("no token", null, null, null),
      new Caller("unknown token", "not-a-token", null, null),
      new Caller("gateway key", GatewayHarness.KEY, null, null),
      new Caller("global viewer", GatewayHarness.VIEWER_TOKEN, Role.VIEWER, Scope.GLOBAL),
      new Caller("global operator", GatewayHarness.OPERATOR_TOKEN, Role.OPERATOR, Scope.GLOBAL),
      new Caller("global maintainer", GatewayHarness.ADMIN_TOKEN, Role.MAINTAINER, Scope.GLOBAL),
      new Caller("acme viewer", GatewayHarness.ACME_VIEWER_TOKEN, Role.VIEWER, Scope.ACME),
      new Caller("acme operator", GatewayHarness.ACME_OPERATOR_TOKEN, Role.OPERATOR, Scope.ACME),
      new Caller("acme maintainer", GatewayHarness.ACME_MAINTAINER_TOKEN, Role.MAINTAINER, Scope.ACME),
      new Caller("beta viewer", GatewayHarness.BETA_VIEWER_TOKEN, Role.VIEWER, Scope.BETA),
      new Caller("beta operator", GatewayHarness.BETA_OPERATOR_TOKEN, Role.OPERATOR, Scope.BETA),
      new Caller("beta maintainer", GatewayHarness.BETA_MAINTAINER_TOKEN, Role.MAINTAINER, Scope.BETA));

  /**
   * One admin route: the least role, whether a tenant-scoped token may use it at all, and the status an
   * allowed caller gets from each scope (bodies of changes are deliberately incomplete: the answer is
   * the handler's validation, so nothing changes). Paths name acme's or the gateway's resources.
   */
  record Row(HttpMethod method, String route, java.util.function.Supplier<String> path, JsonObject body, Role least,
      boolean globalOnly, int global, int acme, int beta) {
    String key() {
      return method.name() + " " + route;
    }
  }

  private static Row get(String route, java.util.function.Supplier<String> path, int global, int acme, int beta) {
    return new Row(HttpMethod.GET, route, path, null, Role.VIEWER, false, global, acme, beta);
  }

  private static Row post(String route, java.util.function.Supplier<String> path, Role least, boolean globalOnly,
      int allowed) {
    return new Row(HttpMethod.POST, route, path, new JsonObject(), least, globalOnly, allowed, allowed, allowed);
  }

  static final List<Row> ROUTES = List.of(
      get("/admin/traces", () -> "/admin/traces", 200, 200, 200),
      get("/admin/traces/:id", () -> "/admin/traces/" + ACME_TRACES.get(0), 200, 200, 404),
      post("/admin/traces/import", () -> "/admin/traces/import", Role.MAINTAINER, false, 400),
      get("/admin/store", () -> "/admin/store", 200, 200, 200),
      get("/admin/breakers", () -> "/admin/breakers", 200, 200, 200),
      get("/admin/breakers/:class", () -> "/admin/breakers/COST_SPIKE", 200, 200, 200),
      post("/admin/breakers/:class", () -> "/admin/breakers/COST_SPIKE", Role.OPERATOR, true, 400),
      get("/admin/audit", () -> "/admin/audit", 200, 200, 200),
      get("/admin/costs", () -> "/admin/costs", 200, 200, 200),
      get("/admin/health", () -> "/admin/health", 200, 200, 200),
      get("/admin/health/metrics", () -> "/admin/health/metrics", 200, 200, 200),
      get("/admin/live", () -> "/admin/live?once=true", 200, 200, 200),
      get("/admin/chaos", () -> "/admin/chaos", 200, 200, 200),
      post("/admin/chaos", () -> "/admin/chaos", Role.OPERATOR, true, 400),
      new Row(HttpMethod.DELETE, "/admin/chaos", () -> "/admin/chaos", null, Role.OPERATOR, true, 200, 200, 200),
      get("/admin/incidents", () -> "/admin/incidents", 200, 200, 200),
      get("/admin/incidents/:id", () -> "/admin/incidents/" + incident, 200, 200, 200),
      get("/admin/incidents/:id/postmortem", () -> "/admin/incidents/" + incident + "/postmortem", 200, 200, 200),
      post("/admin/incidents/:id/acknowledge", () -> "/admin/incidents/" + incident + "/acknowledge", Role.OPERATOR,
          true, 400),
      post("/admin/incidents/:id/resolve", () -> "/admin/incidents/" + incident + "/resolve", Role.OPERATOR, true, 400),
      post("/admin/replay", () -> "/admin/replay", Role.OPERATOR, false, 400),
      post("/admin/replay/jobs", () -> "/admin/replay/jobs", Role.OPERATOR, false, 400),
      get("/admin/replay/jobs/:id", () -> "/admin/replay/jobs/" + acmeJob, 200, 200, 404),
      get("/admin/prompts", () -> "/admin/prompts", 200, 200, 200),
      get("/admin/prompts/:id", () -> "/admin/prompts/support-answer", 200, 200, 200),
      post("/admin/prompts/:id/versions", () -> "/admin/prompts/support-answer/versions", Role.MAINTAINER, true, 400),
      post("/admin/prompts/:id", () -> "/admin/prompts/support-answer", Role.MAINTAINER, true, 400));

  private static HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body,
      String... headers) {
    var req = gw.http.request(method, gw.gateway.adminPort(), "127.0.0.1", path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return GatewayHarness.await(body == null ? req.send() : req.sendJsonObject(body));
  }

  private static JsonNode json(String path, String token) {
    HttpResponse<Buffer> r = call(HttpMethod.GET, path, token, null);
    assertThat(r.statusCode()).as(path + ": " + r.bodyAsString()).isEqualTo(200);
    return GatewayHarness.readTree(r.bodyAsString());
  }

  private static String chatAs(String key, String chaos) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + key)
        .add("Content-Type", "application/json");
    if (chaos != null) {
      h.add("x-mock-chaos", chaos);
    }
    return gw.send(HttpMethod.POST, "/v1/chat/completions", h, chat("gpt-4o-mini", "Where is my order?").toBuffer())
        .getHeader("x-gateway-trace-id");
  }

  private static String replay(String traceId, String token) {
    HttpResponse<Buffer> r = gw.adminPost("/admin/replay", new JsonObject().put("trace_id", traceId), token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonObject("replay").getString("trace_id");
  }

  private static String finishedJob(String traceId, String token) {
    HttpResponse<Buffer> r = gw.adminPost("/admin/replay/jobs",
        new JsonObject().put("trace_ids", new JsonArray().add(traceId)), token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    String id = r.bodyAsJsonObject().getString("id");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!json("/admin/replay/jobs/" + id, token).path("status").asText().equals("finished")) {
      assertThat(System.nanoTime()).as("job " + id + " finished within 30 s").isLessThan(deadline);
      GatewayHarness.await(gw.vertx.timer(50));
    }
    return id;
  }

  /**
   * Acme's healthy traffic, then beta's failures: a gateway-wide incident whose evidence holds both
   * tenants' traces; each tenant's operator replays one of its traces while it is open, then a global
   * operator resolves it.
   */
  @BeforeAll
  static void seed() {
    for (IncidentClass c : IncidentClass.values()) { // gateway-wide audit entries
      gw.adminPost("/admin/breakers/" + c, new JsonObject().put("mode", "forced_closed").put("reason", "access test"),
          GatewayHarness.OPERATOR_TOKEN);
    }
    for (int i = 0; i < 7; i++) {
      ACME_TRACES.add(chatAs(GatewayHarness.KEY, null));
    }
    BETA_TRACES.add(chatAs(GatewayHarness.BETA_KEY, null));
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 4; i++) {
      BETA_TRACES.add(chatAs(GatewayHarness.BETA_KEY, "error_500"));
    }
    gw.evaluateIncidents();
    incident = json("/admin/incidents?status=open", GatewayHarness.ADMIN_TOKEN).path("data").path(0).path("id").asText();
    assertThat(incident).as("an incident opened").startsWith("INC-");

    ACME_TRACES.add(replay(ACME_TRACES.get(0), GatewayHarness.ACME_OPERATOR_TOKEN));
    BETA_TRACES.add(replay(BETA_TRACES.get(0), GatewayHarness.BETA_OPERATOR_TOKEN));
    acmeJob = finishedJob(ACME_TRACES.get(1), GatewayHarness.ACME_OPERATOR_TOKEN);
    betaJob = finishedJob(BETA_TRACES.get(0), GatewayHarness.BETA_OPERATOR_TOKEN);
    json("/admin/replay/jobs/" + betaJob, GatewayHarness.ADMIN_TOKEN).path("rows")
        .forEach(r -> assertThat(r.path("error").isMissingNode() || r.path("error").isNull()).as(r.toString()).isTrue());
    gw.evaluateIncidents(); // the replays reach the incident's timeline on the admin context
    assertThat(gw.adminPost("/admin/incidents/" + incident + "/resolve", new JsonObject().put("reason", "test over"),
        GatewayHarness.OPERATOR_TOKEN).statusCode()).isEqualTo(200);
    awaitEvidence();
    gw.flushTraces();
    everyStoredTrace("acme", ACME_TRACES); // the jobs' replays too
    everyStoredTrace("beta", BETA_TRACES);
  }

  private static void everyStoredTrace(String tenant, List<String> ids) {
    json("/admin/traces?limit=100&tenant=" + tenant, GatewayHarness.ADMIN_TOKEN).path("data").forEach(t -> {
      if (!ids.contains(t.path("trace_id").asText())) {
        ids.add(t.path("trace_id").asText());
      }
    });
  }

  /** The resolved incident's example traces are looked up on a worker: wait until both tenants' are in. */
  private static void awaitEvidence() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      String all = json("/admin/incidents/" + incident, GatewayHarness.ADMIN_TOKEN).path("traces").toString();
      if (ACME_TRACES.stream().anyMatch(all::contains) && BETA_TRACES.stream().anyMatch(all::contains)) {
        return;
      }
      assertThat(System.nanoTime()).as("evidence from both tenants: " + all).isLessThan(deadline);
      GatewayHarness.await(gw.vertx.timer(100));
    }
  }

  @Test
  void theTableNamesExactlyTheRoutesTheAdminRouterHas() {
    Set<String> table = new TreeSet<>();
    ROUTES.forEach(r -> assertThat(table.add(r.key())).as("one row per route: " + r.key()).isTrue());

    assertThat(table).isEqualTo(gw.gateway.adminRoutes());
  }

  @TestFactory
  Stream<DynamicTest> everyRouteAnswersEveryCallerAsItsGuardSays() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : ROUTES) {
      for (Caller caller : CALLERS) {
        tests.add(DynamicTest.dynamicTest(row.key() + " as " + caller.name(), () -> {
          HttpResponse<Buffer> r = call(row.method(), row.path().get(), caller.token(), row.body());
          String body = r.bodyAsString();
          if (caller.role() == null) {
            assertThat(r.statusCode()).as(body).isEqualTo(401);
            assertThat(body).contains("invalid_admin_token");
          } else if (!caller.role().allows(row.least())) {
            assertThat(r.statusCode()).as(body).isEqualTo(403);
            assertThat(body).contains("insufficient_role");
          } else if (row.globalOnly() && caller.scope() != Scope.GLOBAL) {
            assertThat(r.statusCode()).as(body).isEqualTo(403);
            assertThat(body).contains("tenant_scoped_token");
          } else {
            int expected = switch (caller.scope()) {
              case GLOBAL -> row.global();
              case ACME -> row.acme();
              case BETA -> row.beta();
            };
            assertThat(r.statusCode()).as(body).isEqualTo(expected);
            assertThat(body).doesNotContain("unknown_admin_route", "insufficient_role", "tenant_scoped_token");
          }
        }));
      }
    }
    return tests.stream();
  }

  /** What only tenant beta's data contains: its trace ids, its job, its operators' names, its tenant name. */
  private static Set<String> betaMarkers() {
    Set<String> markers = new LinkedHashSet<>(BETA_TRACES);
    markers.addAll(List.of(betaJob, "beta-on-call", "beta-maintainer", "\"tenant\":\"beta\"", "\"tenant\": \"beta\"",
        "\"key\":\"beta\""));
    return markers;
  }

  @Test
  void noRouteShowsAnAcmeTokenAnythingOfBeta() {
    Set<String> seenByGlobal = new LinkedHashSet<>();
    for (Row row : ROUTES) {
      if (row.method() != HttpMethod.GET) {
        continue;
      }
      String path = row.path().get() + (row.route().equals("/admin/costs") ? "?group_by=tenant" : "");
      String global = call(HttpMethod.GET, path, GatewayHarness.ADMIN_TOKEN, null).bodyAsString();
      betaMarkers().stream().filter(global::contains).forEach(seenByGlobal::add);
      for (String token : List.of(GatewayHarness.ACME_VIEWER_TOKEN, GatewayHarness.ACME_OPERATOR_TOKEN,
          GatewayHarness.ACME_MAINTAINER_TOKEN)) {
        String answer = call(HttpMethod.GET, path, token, null).bodyAsString();
        assertThat(answer).as(path).doesNotContain(betaMarkers());
      }
    }
    assertThat(seenByGlobal).as("the same routes do show beta's data to a global token")
        .contains(BETA_TRACES.get(0), "beta-on-call", "\"key\":\"beta\"");
  }

  @Test
  void anIncidentSeenByOneTenantKeepsItsOwnTracesAndReplaysOnly() {
    JsonNode all = json("/admin/incidents/" + incident, GatewayHarness.ADMIN_TOKEN);
    JsonNode acme = json("/admin/incidents/" + incident, GatewayHarness.ACME_VIEWER_TOKEN);

    assertThat(all.path("replays")).as("a single replay and a one-trace job by each tenant").hasSize(4);
    assertThat(acme.path("replays")).hasSize(2).allSatisfy(r -> {
      assertThat(r.path("tenant").asText()).isEqualTo("acme");
      assertThat(ACME_TRACES).contains(r.path("trace_id").asText(), r.path("replay_trace_id").asText());
      assertThat(BETA_TRACES).doesNotContain(r.path("replay_trace_id").asText());
    });
    String acmeEvidence = acme.path("traces").toString();
    assertThat(ACME_TRACES).anySatisfy(id -> assertThat(acmeEvidence).contains(id));
    assertThat(acmeEvidence).doesNotContain(BETA_TRACES.toArray(String[]::new));
    List<String> replayLines = new ArrayList<>();
    acme.path("timeline").forEach(e -> {
      if (e.path("kind").asText().equals("replay")) {
        replayLines.add(e.path("message").asText());
      }
    });
    assertThat(replayLines).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain(BETA_TRACES.get(0)));
    assertThat(all.path("impact").path("requests").asLong()).isPositive();
    assertThat(acme.path("impact").isNull()).as("traffic over every tenant is not a tenant's to see").isTrue();
    assertThat(acme.path("status").asText()).isEqualTo("resolved");
    assertThat(acme.path("signals")).isEqualTo(all.path("signals"));

    String postmortem = call(HttpMethod.GET, "/admin/incidents/" + incident + "/postmortem",
        GatewayHarness.ACME_VIEWER_TOKEN, null).bodyAsString();
    assertThat(postmortem).contains(ACME_TRACES.get(0), "not shown to a token scoped to one tenant")
        .doesNotContain(BETA_TRACES.toArray(String[]::new));
  }

  @Test
  void theAuditLogShowsATenantTokenItsOwnTenantsEntriesOnly() {
    JsonNode acme = json("/admin/audit", GatewayHarness.ACME_VIEWER_TOKEN).path("data");
    JsonNode all = json("/admin/audit", GatewayHarness.ADMIN_TOKEN).path("data");

    assertThat(acme).isNotEmpty().allSatisfy(e -> assertThat(e.path("tenant").asText()).isEqualTo("acme"));
    List<String> allTenants = new ArrayList<>();
    all.forEach(e -> allTenants.add(e.path("tenant").isNull() ? "gateway" : e.path("tenant").asText()));
    assertThat(allTenants).contains("acme", "beta", "gateway");
    assertThat(call(HttpMethod.GET, "/admin/audit?tenant=beta", GatewayHarness.ACME_VIEWER_TOKEN, null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void healthAggregatesForATenantTokenCountItsOwnTrafficOnly() {
    JsonNode acme = json("/admin/health/metrics", GatewayHarness.ACME_VIEWER_TOKEN);
    JsonNode beta = json("/admin/health/metrics", GatewayHarness.BETA_VIEWER_TOKEN);
    JsonNode all = json("/admin/health/metrics", GatewayHarness.ADMIN_TOKEN);

    // beta: 5 requests and 2 replays (one single, one job), 4 of them failed; acme: the rest, all healthy
    assertThat(beta.path("requests").asLong()).isEqualTo(7);
    assertThat(acme.path("requests").asLong()).isGreaterThanOrEqualTo(9)
        .isEqualTo(all.path("requests").asLong() - beta.path("requests").asLong());
    assertThat(metric(acme, "failure_rate")).isZero();
    assertThat(metric(beta, "failure_rate")).isCloseTo(4.0 / 7, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(acme.path("anomalies")).isEmpty();
  }

  private static double metric(JsonNode report, String name) {
    for (JsonNode m : report.path("metrics")) {
      if (m.path("name").asText().equals(name)) {
        return m.path("value").asDouble();
      }
    }
    throw new AssertionError("no " + name + " in " + report);
  }

  @Test
  void anAcmeTokenCannotReachBetasTracesReplaysOrCosts() {
    String beta = BETA_TRACES.get(0);
    assertThat(call(HttpMethod.GET, "/admin/traces/" + beta, GatewayHarness.ACME_VIEWER_TOKEN, null).statusCode())
        .isEqualTo(404);
    assertThat(call(HttpMethod.GET, "/admin/traces?tenant=beta", GatewayHarness.ACME_VIEWER_TOKEN, null).statusCode())
        .isEqualTo(400);
    assertThat(call(HttpMethod.GET, "/admin/costs?tenant=beta", GatewayHarness.ACME_VIEWER_TOKEN, null).statusCode())
        .isEqualTo(400);
    assertThat(call(HttpMethod.GET, "/admin/replay/jobs/" + betaJob, GatewayHarness.ACME_VIEWER_TOKEN, null)
        .statusCode()).isEqualTo(404);
    assertThat(gw.adminPost("/admin/replay", new JsonObject().put("trace_id", beta), GatewayHarness.ACME_OPERATOR_TOKEN)
        .statusCode()).isEqualTo(404);
    assertThat(gw.adminPost("/admin/replay/jobs", new JsonObject().put("filter", new JsonObject().put("tenant", "beta")),
        GatewayHarness.ACME_OPERATOR_TOKEN).statusCode()).isEqualTo(400);
    JsonNode costs = json("/admin/costs?group_by=tenant", GatewayHarness.ACME_VIEWER_TOKEN).path("data");
    assertThat(costs).isNotEmpty().allSatisfy(r -> assertThat(r.path("key").asText()).isEqualTo("acme"));
  }

  /** No admin route changes keys, roles or tokens (the route table above is all there is); nor can a request name its own. */
  @Test
  void noRequestPicksItsOwnIdentityOrRole() {
    HttpResponse<Buffer> set = call(HttpMethod.POST, "/admin/breakers/COST_SPIKE", GatewayHarness.OPERATOR_TOKEN,
        new JsonObject().put("mode", "forced_closed").put("reason", "identity probe").put("actor", "root")
            .put("role", "maintainer").put("tenant", "beta"),
        "X-Admin-Role", "maintainer", "X-Admin-Actor", "root", "x-gateway-replay-tenant", "beta");
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    JsonNode entry = json("/admin/audit?action=breaker.set_mode&limit=1", GatewayHarness.ADMIN_TOKEN).path("data")
        .path(0);
    assertThat(entry.path("actor").asText()).isEqualTo("on-call");
    assertThat(entry.path("role").asText()).isEqualTo("operator");
    assertThat(entry.path("tenant").isNull()).isTrue();

    assertThat(call(HttpMethod.POST, "/admin/prompts/support-answer", GatewayHarness.ACME_VIEWER_TOKEN,
        new JsonObject().put("reason", "x"), "X-Admin-Role", "maintainer", "Authorization-Role", "maintainer")
        .statusCode()).isEqualTo(403);
    assertThat(gw.send(HttpMethod.POST, "/v1/chat/completions", MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN).add("Content-Type", "application/json"),
        chat("gpt-4o-mini", "hi").toBuffer()).statusCode()).as("an admin token is no gateway key").isEqualTo(401);

    String traceId = gw.send(HttpMethod.POST, "/v1/chat/completions", MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer " + GatewayHarness.KEY).add("Content-Type", "application/json")
        .add("x-gateway-replay-tenant", "beta").add("x-gateway-replay-team", "default")
        .add("x-gateway-replay-tier", "enterprise").add("x-gateway-replay-of", BETA_TRACES.get(0)),
        chat("gpt-4o-mini", "hi").toBuffer()).getHeader("x-gateway-trace-id");
    JsonNode trace = gw.trace(traceId);
    assertThat(trace.path("tenant").asText()).isEqualTo("acme");
    assertThat(trace.path("customer_tier").asText()).isEqualTo("pro");
    assertThat(trace.path("replay_of").isMissingNode()).isTrue();
  }
}
