package gw.gateway.incident;

import static gw.gateway.testing.GatewayHarness.ADMIN_TOKEN;
import static gw.gateway.testing.GatewayHarness.OPERATOR_TOKEN;
import static gw.gateway.testing.GatewayHarness.await;
import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.FastDetection;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import gw.gateway.testing.MutableClock;
import gw.mock.client.RagTraffic;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each north-star threshold driven from green to red and back through the real gateway and mock
 * (the mock's chaos makes the bad traffic): the right incident class and severity open, with a
 * timeline, and resolve once healthy traffic has cleared the detection window. The test owns the
 * gateway's clock and its incident ticks: time moves a second per healthy batch, and each tick is
 * run when the traffic it judges is in. Windows, the hold and two thresholds are shrunk.
 */
class IncidentLifecycleTest {
  private static final MutableClock clock = new MutableClock(Instant.now());
  @RegisterExtension static final GatewaySystem system = GatewaySystem.with(GatewayHarness.Options.defaults()
      .withClock(clock)
        .withConfig("thresholds.json", FastDetection.thresholds(Map.of("/metrics/cost_per_request_usd/target", 0.0001,
            "/metrics/cost_per_request_usd/yellow", 0.0002, "/metrics/cost_per_request_usd/red", 0.0004)))
        // Ticks come from gw.evaluateIncidents(); the timer's, once a minute at most, may judge a burst half
        // sent, and the next tick raises the severity as the rest arrives.
        .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 60_000, "/triage/recovery_hold_seconds", 1))
        .withConfig("forward.json", Map.of("/retry/max_attempts", 1)));
  private static GatewayHarness gw;

  @BeforeAll
  static void start() {
    // Breakers stay out of the threshold rounds (their own tests cover them); the leak round turns its own on.
    for (IncidentClass c : IncidentClass.values()) {
      gw.adminPost("/admin/breakers/" + c, new JsonObject().put("mode", "forced_closed").put("reason", "threshold test"),
          OPERATOR_TOKEN);
    }
  }

  /** n requests at once; {@code chaos} is the mock's per-request chaos header (null for none). */
  private static List<HttpResponse<Buffer>> send(int n, String chaos, JsonObject body) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var req = gw.http.post(gw.port(), "127.0.0.1", "/v1/chat/completions")
          .putHeader("Authorization", "Bearer " + GatewayHarness.KEY);
      if (chaos != null) {
        req.putHeader("x-mock-chaos", chaos);
      }
      sent.add(req.sendJsonObject(body));
    }
    await(Future.all(sent));
    return sent.stream().map(Future::result).toList();
  }

  private static JsonObject healthy() {
    return chat("gpt-4o-mini", "How long does shipping take?");
  }

  private static JsonNode incidents(String query) {
    return GatewayHarness.readTree(gw.admin("/admin/incidents" + query, ADMIN_TOKEN).bodyAsString()).path("data");
  }

  /** The traffic sent is judged by one tick, which must open an incident of the class at the severity. */
  private static JsonNode awaitOpen(String incidentClass, String severity) {
    gw.evaluateIncidents();
    JsonNode open = incidents("?status=open&class=" + incidentClass);
    if (open.size() > 0 && open.get(0).path("severity").asText().equals(severity)) {
      return open.get(0);
    }
    throw new AssertionError("no " + incidentClass + " " + severity + " incident opened; all: " + incidents(""));
  }

  /** Healthy traffic a second at a time, each second judged, until no incident is open (at most a minute). */
  private static void healUntilAllResolved() {
    for (int second = 0; second < 60; second++) {
      send(3, null, healthy());
      clock.advance(Duration.ofSeconds(1));
      gw.evaluateIncidents();
      if (incidents("?status=open").isEmpty()) {
        return;
      }
    }
    throw new AssertionError("incidents never resolved: " + incidents("?status=open"));
  }

  /** The incident once its example traces were looked up (on a worker, just after it opened or resolved). */
  private static JsonNode withEvidence(String id) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode inc = null;
    while (System.nanoTime() < deadline) {
      inc = GatewayHarness.readTree(gw.admin("/admin/incidents/" + id, ADMIN_TOKEN).bodyAsString());
      if (inc.path("traces").path("during").size() > 0) {
        return inc;
      }
      await(gw.vertx.timer(100));
    }
    throw new AssertionError(id + " has no example traces: " + inc);
  }

  private static List<String> kinds(JsonNode incident) {
    List<String> kinds = new ArrayList<>();
    incident.path("timeline").forEach(e -> kinds.add(e.path("kind").asText()));
    return kinds;
  }

  /** One round: healthy, then bad traffic opens the class's incident, then healthy traffic resolves it. */
  private static JsonNode round(String incidentClass, String metric, String severity, Runnable badTraffic) {
    healUntilAllResolved(); // each round starts from a green, quiet system
    badTraffic.run();
    JsonNode open = awaitOpen(incidentClass, severity);
    assertThat(open.path("first_alert").asText()).as(open.toString()).startsWith(metric + " breached");
    assertThat(kinds(open)).startsWith("alert");
    assertThat(kinds(open)).contains("classification");
    assertThat(open.path("reason").asText()).contains(incidentClass);
    healUntilAllResolved();
    JsonNode resolved = withEvidence(open.path("id").asText());
    assertThat(resolved.path("status").asText()).isEqualTo("resolved");
    assertThat(resolved.path("resolved_by").asText()).isEqualTo("gateway");
    assertThat(kinds(resolved)).endsWith("recovered", "resolved");
    assertThat(resolved.path("traces").path("during").size()).as(resolved.toString()).isPositive();
    return resolved;
  }

  @Test
  void failureRateOpensPerformanceDegradation() {
    JsonNode inc = round("PERFORMANCE_DEGRADATION", "failure_rate", "SEV-2", () -> {
      send(7, null, healthy());
      send(4, "error_500", healthy());
    });
    String postmortem = gw.admin("/admin/incidents/" + inc.path("id").asText() + "/postmortem", ADMIN_TOKEN).bodyAsString();
    for (String section : Postmortem.SECTIONS) {
      assertThat(postmortem).contains("## " + section);
    }
    String during = inc.path("traces").path("during").get(0).path("trace_id").asText();
    assertThat(postmortem).contains(during);
    assertThat(gw.admin("/admin/traces/" + during, ADMIN_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void aLeakIsSev1AndOnlyAnOperatorResolvesIt() {
    healUntilAllResolved();
    gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "auto").put("reason", "leak round"),
        OPERATOR_TOKEN);
    try {
      send(1, "pii_leak", healthy());
      JsonNode open = awaitOpen("DATA_INCIDENT", "SEV-1");
      String id = open.path("id").asText();
      assertThat(gw.admin("/admin/incidents/" + id + "/postmortem", ADMIN_TOKEN).statusCode())
          .as("no draft before resolution").isEqualTo(409);
      assertThat(gw.adminPost("/admin/incidents/" + id + "/acknowledge", new JsonObject(), OPERATOR_TOKEN).statusCode())
          .as("a note is required").isEqualTo(400);
      assertThat(gw.adminPost("/admin/incidents/" + id + "/acknowledge", new JsonObject().put("note", "on it"),
          GatewayHarness.BETA_OPERATOR_TOKEN).statusCode()).as("a tenant's operator cannot").isEqualTo(403);
      assertThat(gw.adminPost("/admin/incidents/" + id + "/acknowledge", new JsonObject().put("note", "on it"),
          OPERATOR_TOKEN).statusCode()).isEqualTo(200);

      gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "auto")
          .put("reason", "leaking model rolled back"), OPERATOR_TOKEN);
      JsonNode recovered = null;
      for (int second = 0; second < 60 && (recovered == null || recovered.path("recovered_at").isNull()); second++) {
        send(3, null, healthy());
        clock.advance(Duration.ofSeconds(1));
        gw.evaluateIncidents();
        recovered = GatewayHarness.readTree(gw.admin("/admin/incidents/" + id, ADMIN_TOKEN).bodyAsString());
      }
      assertThat(recovered.path("recovered_at").isNull()).as(String.valueOf(recovered)).isFalse();
      assertThat(recovered.path("status").asText()).as("the gateway does not close a leak itself")
          .isEqualTo("acknowledged");
      assertThat(kinds(recovered)).contains("breaker", "mitigation", "acknowledged", "recovered");

      var resolved = gw.adminPost("/admin/incidents/" + id + "/resolve",
          new JsonObject().put("reason", "leak contained, customers notified"), OPERATOR_TOKEN);
      assertThat(resolved.statusCode()).isEqualTo(200);
      assertThat(resolved.bodyAsJsonObject().getString("resolved_by")).isEqualTo("on-call");
      assertThat(gw.adminPost("/admin/incidents/" + id + "/resolve", new JsonObject().put("reason", "again"),
          OPERATOR_TOKEN).statusCode()).isEqualTo(409);
      assertThat(gw.admin("/admin/audit?target=incident/" + id, ADMIN_TOKEN).bodyAsString())
          .contains("incident.acknowledge").contains("incident.resolve");
      assertThat(gw.admin("/admin/incidents/" + id + "/postmortem", ADMIN_TOKEN).bodyAsString())
          .contains("| Severity | SEV-1").contains("Resolved by on-call");
    } finally {
      gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "forced_closed")
          .put("reason", "threshold test"), OPERATOR_TOKEN);
    }
  }

  @Test
  void latencyOpensPerformanceDegradation() {
    round("PERFORMANCE_DEGRADATION", "p95_json_wait_ms", "SEV-2", () -> send(12, "latency=800", healthy()));
  }

  @Test
  void anEmptiedIndexOpensARetrievalOutage() {
    // The sample RAG client against the mock's emptied index: its search_kb tool reports every failure.
    round("RETRIEVAL_OUTAGE", "tool_success_rate", "SEV-2", () -> {
      gw.setChaos(new JsonObject().put("modes", new JsonObject().put("retrieval_outage", new JsonObject())));
      try {
        String mock = "http://127.0.0.1:" + gw.mock.actualPort();
        await(RagTraffic.start(gw.vertx, new RagTraffic.Options("http://127.0.0.1:" + gw.port(), mock,
            GatewayHarness.KEY, 100, null, 12, "gpt-4o-mini", 5, 64)).finished());
      } finally {
        gw.setChaos(new JsonObject().put("modes", new JsonObject()));
      }
    });
  }

  @Test
  void tokenBlowupOpensACostSpike() {
    round("COST_SPIKE", "cost_per_request_usd", "SEV-2", () -> send(12, "token_blowup=100", healthy()));
  }

  @Test
  void offBrandAnswersOpenQualityDegradation() {
    round("QUALITY_DEGRADATION", "quality_proxy_rate", "SEV-2", () -> send(12, "off_brand", healthy()));
  }
}
