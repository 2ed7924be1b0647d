package gw.gateway.shared;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.policy.breaker.RetrievalOutageBreakerTest;
import gw.gateway.testing.Eventually;
import gw.gateway.testing.FastDetection;
import gw.gateway.testing.GatewayFleet;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.MutableClock;
import gw.gateway.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway instances, one Redis, one mock: the fleet behaves as one gateway. */
class FleetTest {
  @RegisterExtension static final RedisServer redis = new RedisServer();
  /** As in BudgetsThroughGatewayTest: 50 requests with max_tokens 1000 fit at their worst case, 51 do not. */
  private static final double FITS_50 = 0.0301;
  @TempDir Path dir;
  private GatewayFleet running;

  @BeforeEach
  void emptyRedis() throws Exception {
    redis.flushAll();
  }

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  private List<GatewayHarness> fleet(GatewayHarness.Options options) {
    running = GatewayFleet.start(dir, options, redis.url());
    return running.both();
  }

  private static GatewayHarness.Options budget(double dailyUsd, String whenRedisDown, int rpm) {
    return GatewayHarness.Options.defaults().withConfig("budgets.json", Map.of(
        "/budgets", List.of(Map.of("scope", "tenant", "name", "acme", "daily_usd", dailyUsd,
            "when_redis_down", whenRedisDown)),
        "/rate_limits/keys", Map.of("acme-app", Map.of("rpm", rpm, "tpm", 10_000_000))));
  }

  /** Sends {@code count} chat requests at once, alternating between the instances. */
  private static List<HttpResponse<Buffer>> burst(List<GatewayHarness> fleet, int count) {
    return burst(fleet, count, null);
  }

  /** {@code chaos}: an x-mock-chaos header for every request (null: none). */
  private static List<HttpResponse<Buffer>> burst(List<GatewayHarness> fleet, int count, String chaos) {
    Vertx vertx = fleet.get(0).vertx;
    WebClient client = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(count));
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      var request = client.post(fleet.get(i % 2).port(), "127.0.0.1", "/v1/chat/completions")
          .putHeader("Authorization", "Bearer " + GatewayHarness.KEY);
      if (chaos != null) {
        request.putHeader("x-mock-chaos", chaos);
      }
      sent.add(request.sendJsonObject(chat("gpt-4o-mini", "refund policy question " + i).put("max_tokens", 1000)));
    }
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    sent.forEach(f -> answers.add(GatewayHarness.await(f)));
    client.close();
    return answers;
  }

  private static String errorCode(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  private static JsonObject dailyBudget(GatewayHarness gw) {
    JsonObject report = gw.admin("/admin/costs", GatewayHarness.ADMIN_TOKEN).bodyAsJsonObject();
    return (JsonObject) report.getJsonArray("budgets").stream()
        .filter(b -> "daily".equals(((JsonObject) b).getString("period"))).findFirst().orElseThrow();
  }

  @Test
  void twoHundredRequestsSplitAcrossTwoInstancesNeverSpendPastOneBudget() throws Exception {
    List<GatewayHarness> fleet = fleet(budget(FITS_50, "closed", 100_000));
    // Slow answers: every request reserves before the first one settles, so exactly those that fit at
    // their worst case run (as separate budgets, 50 would run on each instance).
    List<HttpResponse<Buffer>> answers = burst(fleet, 200, "latency=2000");
    long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
    assertThat(answers).filteredOn(r -> r.statusCode() != 200)
        .allSatisfy(r -> assertThat(errorCode(r)).isEqualTo("budget_exceeded"));
    assertThat(ok).isEqualTo(50);
    for (GatewayHarness gw : fleet) {
      gw.flushTraces();
    }
    double spentByBoth = traceCosts(fleet);
    assertThat(spentByBoth).isLessThanOrEqualTo(FITS_50);
    Eventually.until("both instances report the fleet's spend", Duration.ofSeconds(10), () -> fleet.stream()
        .allMatch(gw -> Math.abs(dailyBudget(gw).getDouble("spent_usd") - spentByBoth) < 1e-9
            && dailyBudget(gw).getDouble("reserved_usd") == 0));
  }

  @Test
  void anRpmLimitOf60HoldsAs60AcrossBothInstances() {
    MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z"); // no refill while the burst runs
    List<GatewayHarness> fleet = fleet(budget(100, "closed", 60).withClock(clock));
    List<HttpResponse<Buffer>> answers = burst(fleet, 100);
    assertThat(answers.stream().filter(r -> r.statusCode() == 200).count()).isEqualTo(60);
    assertThat(answers).filteredOn(r -> r.statusCode() != 200)
        .allSatisfy(r -> assertThat(errorCode(r)).isEqualTo("rate_limit_rpm"));
  }

  @Test
  void aBreakerForcedOpenOnOneInstanceIsEnforcedByTheOtherWithinASecond() throws Exception {
    List<GatewayHarness> fleet = fleet(GatewayHarness.Options.defaults());
    GatewayHarness a = fleet.get(0);
    GatewayHarness b = fleet.get(1);
    long start = System.nanoTime();
    HttpResponse<Buffer> set = a.adminPost("/admin/breakers/RETRIEVAL_OUTAGE",
        new JsonObject().put("mode", "forced_open").put("reason", "vector store down"), GatewayHarness.OPERATOR_TOKEN);
    assertThat(set.statusCode()).isEqualTo(200);
    Eventually.until("instance b sees the forced-open breaker", Duration.ofSeconds(5), () -> "forced_open".equals(
        b.admin("/admin/breakers/RETRIEVAL_OUTAGE", GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject().getString("mode")));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    HttpResponse<Buffer> r = b.post("/v1/chat/completions", RetrievalOutageBreakerTest.ragChat(0.9, 0.8));
    assertThat(r.getHeader("x-gateway-action")).isEqualTo("retrieval_outage/fallback_answer");
    JsonObject seen = b.admin("/admin/breakers/RETRIEVAL_OUTAGE", GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject();
    assertThat(seen.getJsonObject("last_mode_change").getString("reason")).isEqualTo("vector store down");

    b.adminPost("/admin/breakers/RETRIEVAL_OUTAGE", new JsonObject().put("mode", "auto").put("reason", "restored"),
        GatewayHarness.OPERATOR_TOKEN);
    Eventually.until("instance a follows b back to auto", Duration.ofSeconds(5), () -> "auto".equals(
        a.admin("/admin/breakers/RETRIEVAL_OUTAGE", GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject().getString("mode")));
  }

  @Test
  void anAutomaticTripOnOneInstanceOpensTheSameBreakerOnTheOther() throws Exception {
    List<GatewayHarness> fleet = fleet(GatewayHarness.Options.defaults().withConfig("breakers.json", Map.of(
        "/RETRIEVAL_OUTAGE/min_requests", 4, "/RETRIEVAL_OUTAGE/trip_ratio", 0.5)));
    GatewayHarness a = fleet.get(0);
    GatewayHarness b = fleet.get(1);
    for (int i = 0; i < 4; i++) {
      a.post("/v1/chat/completions", RetrievalOutageBreakerTest.ragChat()); // nothing retrieved
    }
    assertThat(breaker(a, "RETRIEVAL_OUTAGE").getString("state")).isEqualTo("open");
    Eventually.until("instance b's RETRIEVAL_OUTAGE breaker opens too", Duration.ofSeconds(5),
        () -> "open".equals(breaker(b, "RETRIEVAL_OUTAGE").getString("state")));
    assertThat(breaker(b, "RETRIEVAL_OUTAGE").getString("trip_reason")).startsWith("tripped on gw-a: 4 of 4 requests");
    assertThat(b.post("/v1/chat/completions", RetrievalOutageBreakerTest.ragChat(0.9, 0.8))
        .getHeader("x-gateway-action")).as("good retrieval, but the fleet's breaker is open")
        .isEqualTo("retrieval_outage/fallback_answer");
  }

  @Test
  void aLeakCaughtOnOneInstanceStopsKeepingThatTenantsContentOnBothUntilAResetOnEither() throws Exception {
    List<GatewayHarness> fleet = fleet(GatewayHarness.Options.defaults());
    GatewayHarness a = fleet.get(0);
    GatewayHarness b = fleet.get(1);
    HttpResponse<Buffer> leak = a.post("/v1/chat/completions", chat("gpt-4o-mini", "What is my account email?"),
        "x-mock-chaos", "pii_leak");
    assertThat(leak.getHeader("x-gateway-action")).isEqualTo("data_incident/redact");
    Eventually.until("instance b's DATA_INCIDENT breaker is open", Duration.ofSeconds(5),
        () -> "open".equals(breaker(b, "DATA_INCIDENT").getString("state")));
    assertThat(breaker(b, "DATA_INCIDENT").getString("trip_reason")).contains("tenant 'acme'");
    HttpResponse<Buffer> clean = b.post("/v1/chat/completions", chat("gpt-4o-mini", "Shipping times?"));
    assertThat(b.trace(clean.getHeader("x-gateway-trace-id")).path("input_text").isTextual())
        .as("b keeps no content of the leaking tenant").isFalse();

    b.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "auto")
        .put("reason", "leak understood"), GatewayHarness.OPERATOR_TOKEN);
    Eventually.until("instance a follows the reset", Duration.ofSeconds(5),
        () -> "closed".equals(breaker(a, "DATA_INCIDENT").getString("state")));
  }

  private static JsonObject breaker(GatewayHarness gw, String incidentClass) {
    return gw.admin("/admin/breakers/" + incidentClass, GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject();
  }

  @Test
  void withRedisKilledBothKeepServingSayDegradedAndResyncWhenItReturns() throws Exception {
    List<GatewayHarness> fleet = fleet(budget(10, "open", 100_000));
    assertThat(burst(fleet, 4)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    for (GatewayHarness gw : fleet) {
      gw.flushTraces();
    }
    double before = traceCosts(fleet);
    // Without persistence Redis loses what it held; an instance knows the fleet's spend as of its last
    // mirror refresh (each second), so a Redis killed within that second loses that second's spend.
    Eventually.until("both mirrors hold the spend so far", Duration.ofSeconds(10), () -> fleet.stream()
        .allMatch(gw -> Math.abs(dailyBudget(gw).getDouble("spent_usd") - before) < 1e-9));

    redis.kill();
    try {
      assertThat(burst(fleet, 10)).as("served from local state").allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
      for (GatewayHarness gw : fleet) {
        Eventually.until("health says degraded", Duration.ofSeconds(5), () -> health(gw).getString("status").equals("degraded"));
        JsonObject dep = health(gw).getJsonArray("dependencies").getJsonObject(0);
        assertThat(dep.getString("name")).isEqualTo("redis");
        assertThat(dep.getString("state")).isEqualTo("degraded");
        assertThat(dep.getString("last_error")).isNotBlank().doesNotContain("password");
        assertThat(gw.metric("gw_dependency_up{name=\"redis\"}")).isZero();
      }
    } finally {
      redis.start(); // empty: it kept nothing
    }
    for (GatewayHarness gw : fleet) {
      gw.flushTraces();
    }
    double spentByBoth = traceCosts(fleet);
    for (GatewayHarness gw : fleet) {
      Eventually.until("health says ok again", Duration.ofSeconds(10), () -> health(gw).getString("status").equals("ok"));
    }
    Eventually.until("the restarted Redis holds the spend of both instances, outage included", Duration.ofSeconds(10),
        () -> fleet.stream().allMatch(gw -> Math.abs(dailyBudget(gw).getDouble("spent_usd") - spentByBoth) < 1e-9));
  }

  @Test
  void oneFaultSeenByBothInstancesOpensOneIncidentThatSaysWhatEachSaw() throws Exception {
    List<GatewayHarness> fleet = fleet(GatewayHarness.Options.defaults()
        .withConfig("thresholds.json", FastDetection.thresholds(Map.of()))
        // Ticks come from evaluateIncidents() below, not from the timer.
        .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 60_000))
        .withConfig("forward.json", Map.of("/retry/max_attempts", 1)));
    burst(fleet, 24, "error_500");
    Map<String, JsonObject> incidents = new java.util.HashMap<>();
    Eventually.until("an incident that names what both instances saw", Duration.ofSeconds(4), () -> {
      fleet.forEach(GatewayHarness::evaluateIncidents);
      incidents.clear();
      for (GatewayHarness gw : fleet) {
        gw.admin("/admin/incidents", GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject().getJsonArray("data")
            .forEach(i -> incidents.put(((JsonObject) i).getString("id"), (JsonObject) i));
      }
      return incidents.size() == 1 && incidents.values().iterator().next().encode().contains("gw-a: failure_rate")
          && incidents.values().iterator().next().encode().contains("gw-b: failure_rate");
    });
    fleet.forEach(GatewayHarness::evaluateIncidents);
    JsonObject incident = incidents.values().iterator().next();
    assertThat(incident.getString("class")).isEqualTo("PERFORMANCE_DEGRADATION");
    List<String> ids = new ArrayList<>();
    for (GatewayHarness gw : fleet) {
      gw.admin("/admin/incidents", GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject().getJsonArray("data")
          .forEach(i -> ids.add(((JsonObject) i).getString("id")));
    }
    assertThat(ids).as("one incident for the fault, not one per instance").containsOnly(incident.getString("id"));
    String leader = health(fleet.get(0)).getString("incident_leader");
    assertThat(leader).isIn("gw-a", "gw-b").isEqualTo(health(fleet.get(1)).getString("incident_leader"));

  }

  /** What the stored traces of both instances cost. */
  private static double traceCosts(List<GatewayHarness> fleet) {
    double sum = 0;
    for (GatewayHarness gw : fleet) {
      for (var t : GatewayHarness.readTree(gw.admin("/admin/traces?tenant=acme&status=ok&limit=500",
          GatewayHarness.ADMIN_TOKEN).bodyAsString()).path("data")) {
        sum += t.path("cost_usd").asDouble();
      }
    }
    return sum;
  }

  private static JsonObject health(GatewayHarness gw) {
    HttpResponse<Buffer> r = gw.admin("/admin/health", GatewayHarness.VIEWER_TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }
}
