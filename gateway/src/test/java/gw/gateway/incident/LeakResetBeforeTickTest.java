package gw.gateway.incident;

import static gw.gateway.testing.GatewayHarness.ADMIN_TOKEN;
import static gw.gateway.testing.GatewayHarness.OPERATOR_TOKEN;
import static gw.gateway.testing.GatewayHarness.await;
import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A leak whose breaker an operator resets before the incident engine looks (as docs/BREAKERS.md
 * shows) still opens a SEV-1 DATA_INCIDENT that quotes the trip. The engine's own timer is set to a
 * minute, so the only evaluation in the test is the one it asks for.
 */
class LeakResetBeforeTickTest {
  @RegisterExtension final GatewaySystem system = GatewaySystem.with(GatewayHarness.Options.defaults()
        .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 60_000)));
  private GatewayHarness gw;

  private JsonNode get(String path) {
    return GatewayHarness.readTree(gw.admin(path, ADMIN_TOKEN).bodyAsString());
  }

  @Test
  void aLeakResetAtOnceStillOpensASev1IncidentWithTheTripReason() {
    HttpResponse<Buffer> leak = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "What is my account email?"),
        "x-mock-chaos", "pii_leak");
    assertThat(leak.getHeader("x-gateway-action")).startsWith("data_incident/");
    String leakTrace = leak.getHeader("x-gateway-trace-id");
    JsonNode tripped = get("/admin/breakers/DATA_INCIDENT");
    assertThat(tripped.path("trips").asLong()).isEqualTo(1);
    String tripReason = tripped.path("trip_reason").asText();
    assertThat(tripReason).isNotBlank();

    assertThat(gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "auto")
        .put("reason", "leak fixed in the prompt; verified"), OPERATOR_TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/admin/breakers/DATA_INCIDENT").path("state").asText()).isEqualTo("closed");
    assertThat(get("/admin/incidents").path("data")).as("nothing evaluated yet").isEmpty();

    gw.evaluateIncidents(); // the leaking answer's trace is stored before the engine looks for examples
    JsonNode open = get("/admin/incidents?status=open&class=DATA_INCIDENT").path("data");
    assertThat(open).hasSize(1);
    JsonNode incident = open.get(0);
    assertThat(incident.path("severity").asText()).isEqualTo("SEV-1");
    assertThat(incident.path("reason").asText()).contains(tripReason).contains("closed again");
    assertThat(incident.path("first_alert").asText()).contains(tripReason);
    assertThat(incident.path("timeline").toString()).contains("on-call set the DATA_INCIDENT breaker to auto");

    JsonNode during = awaitExamples(incident.path("id").asText());
    assertThat(during.get(0).path("trace_id").asText()).isEqualTo(leakTrace);
    assertThat(during.get(0).path("shows_fault").asBoolean()).isTrue();

    gw.evaluateIncidents();
    assertThat(get("/admin/incidents").path("data")).as("the same trip opens nothing more").hasSize(1);
  }

  /** The examples are looked up on a worker once the incident opened. */
  private JsonNode awaitExamples(String id) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode incident = null;
    while (System.nanoTime() < deadline) {
      incident = get("/admin/incidents/" + id);
      if (incident.path("traces").path("during").size() > 0) {
        return incident.path("traces").path("during");
      }
      await(gw.vertx.timer(50));
    }
    throw new AssertionError(id + " never got example traces: " + incident);
  }
}
