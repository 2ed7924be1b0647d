package gw.gateway.shared;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.Eventually;
import gw.gateway.testing.FastDetection;
import gw.gateway.testing.GatewayFleet;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.RedisServer;
import gw.traces.pg.StoreUrl;
import gw.traces.testing.PostgresServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two instances, one Redis, one PostgreSQL, one mock: any instance sees, replays and acts on what the other stored. */
class FleetWithSharedStoreTest {
  @RegisterExtension static final RedisServer redis = new RedisServer();
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  @TempDir Path dir;
  private GatewayFleet running;

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  private List<GatewayHarness> fleet(GatewayHarness.Options options) throws Exception {
    redis.flushAll();
    running = GatewayFleet.start(dir, options.withStoreUrl(StoreUrl.parse(postgres.freshDatabase(), null)), redis.url());
    return running.both();
  }

  @Test
  void aTraceStoredThroughOneIsListedReplayedAndDiagnosedThroughTheOther() throws Exception {
    List<GatewayHarness> fleet = fleet(GatewayHarness.Options.defaults());
    GatewayHarness a = fleet.get(0);
    GatewayHarness b = fleet.get(1);
    HttpResponse<Buffer> answer = a.post("/v1/chat/completions", chat("gpt-4o-mini", "What is the refund window?"));
    assertThat(answer.statusCode()).isEqualTo(200);
    String traceId = answer.getHeader("x-gateway-trace-id");
    a.flushTraces();

    JsonNode listed = GatewayHarness.readTree(b.admin("/admin/traces?limit=10", GatewayHarness.VIEWER_TOKEN).bodyAsString());
    assertThat(listed.path("data")).extracting(t -> t.path("trace_id").asText()).contains(traceId);
    HttpResponse<Buffer> replayed = b.adminPost("/admin/replay", new JsonObject().put("trace_id", traceId)
        .put("overrides", new JsonObject().put("model", "gpt-4o")), GatewayHarness.OPERATOR_TOKEN);
    assertThat(replayed.statusCode()).as(replayed.bodyAsString()).isEqualTo(200);
    JsonNode comparison = GatewayHarness.readTree(replayed.bodyAsString());
    assertThat(comparison.path("original").path("trace_id").asText()).isEqualTo(traceId);
    assertThat(comparison.path("original").path("diagnosis").asText()).isNotBlank();
    assertThat(comparison.path("replay").path("diagnosis").asText()).isNotBlank();
    b.flushTraces();
    String replayId = comparison.path("replay").path("trace_id").asText();
    assertThat(a.trace(replayId).path("replay_of").asText()).as("the replay stored by b, read through a").isEqualTo(traceId);

    for (GatewayHarness gw : fleet) {
      JsonObject health = gw.admin("/admin/health", GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject();
      assertThat(health.getString("status")).isEqualTo("ok");
      assertThat(health.getJsonArray("dependencies").stream().map(d -> ((JsonObject) d).getString("name")))
          .containsExactly("redis", "store");
      assertThat(gw.metric("gw_dependency_up{name=\"store\"}")).isEqualTo(1);
    }
  }

  @Test
  void everyInstanceListsTheOneIncidentAndOnlyItsLeaderActsOnIt() throws Exception {
    List<GatewayHarness> fleet = fleet(GatewayHarness.Options.defaults()
        .withConfig("thresholds.json", FastDetection.thresholds(Map.of()))
        .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 60_000))
        .withConfig("forward.json", Map.of("/retry/max_attempts", 1)));
    for (GatewayHarness gw : fleet) {
      for (int i = 0; i < 12; i++) {
        gw.post("/v1/chat/completions", chat("gpt-4o-mini", "question " + i), "x-mock-chaos", "error_500");
      }
    }
    Eventually.until("both instances list one incident", Duration.ofSeconds(4), () -> {
      fleet.forEach(GatewayHarness::evaluateIncidents);
      return fleet.stream().allMatch(gw -> incidents(gw).size() == 1);
    });
    String id = incidents(fleet.get(0)).get(0).getString("id");
    assertThat(incidents(fleet.get(1)).get(0).getString("id")).isEqualTo(id);

    String leader = fleet.get(0).admin("/admin/health", GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject()
        .getString("incident_leader");
    GatewayHarness leading = leader.equals("gw-a") ? fleet.get(0) : fleet.get(1);
    GatewayHarness following = leading == fleet.get(0) ? fleet.get(1) : fleet.get(0);
    HttpResponse<Buffer> refused = following.adminPost("/admin/incidents/" + id + "/acknowledge",
        new JsonObject().put("note", "looking"), GatewayHarness.OPERATOR_TOKEN);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("not_incident_leader");
    assertThat(refused.bodyAsString()).contains(leader);
    HttpResponse<Buffer> acked = leading.adminPost("/admin/incidents/" + id + "/acknowledge",
        new JsonObject().put("note", "looking"), GatewayHarness.OPERATOR_TOKEN);
    assertThat(acked.statusCode()).as(acked.bodyAsString()).isEqualTo(200);
    Eventually.until("the follower shows the acknowledgement", Duration.ofSeconds(4), () -> {
      following.evaluateIncidents();
      return "acknowledged".equals(incidents(following).get(0).getString("status"));
    });
  }

  private static List<JsonObject> incidents(GatewayHarness gw) {
    List<JsonObject> out = new ArrayList<>();
    gw.admin("/admin/incidents", GatewayHarness.VIEWER_TOKEN).bodyAsJsonObject().getJsonArray("data")
        .forEach(i -> out.add((JsonObject) i));
    return out;
  }
}
