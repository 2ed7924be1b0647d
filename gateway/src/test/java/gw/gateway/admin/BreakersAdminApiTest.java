package gw.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Breaker modes through the admin API: roles, validation, the audit log, and a restart. */
class BreakersAdminApiTest {
  @TempDir Path dataDir;

  private static HttpResponse<Buffer> setMode(GatewayHarness gw, String cls, String mode, String reason, String token) {
    JsonObject body = new JsonObject().put("mode", mode);
    if (reason != null) {
      body.put("reason", reason);
    }
    return gw.adminPost("/admin/breakers/" + cls, body, token);
  }

  @Test
  void listsAllFiveBreakersClosedInAutoMode() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      HttpResponse<Buffer> r = gw.admin("/admin/breakers", GatewayHarness.BETA_VIEWER_TOKEN);
      assertThat(r.statusCode()).isEqualTo(200);
      List<String> classes = new ArrayList<>();
      GatewayHarness.readTree(r.bodyAsString()).path("data").forEach(b -> {
        classes.add(b.path("class").asText());
        assertThat(b.path("mode").asText()).isEqualTo("auto");
        assertThat(b.path("state").asText()).isEqualTo("closed");
        assertThat(b.has("last_trip_at")).isTrue();
        assertThat(b.path("last_trip_at").isNull()).as("never tripped").isTrue();
      });
      assertThat(classes).containsExactly("RETRIEVAL_OUTAGE", "QUALITY_DEGRADATION", "PERFORMANCE_DEGRADATION",
          "COST_SPIKE", "DATA_INCIDENT");
    }
  }

  @Test
  void aViewerMayLookButNotChangeAMode() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      HttpResponse<Buffer> r = setMode(gw, "COST_SPIKE", "forced_open", "test", GatewayHarness.BETA_VIEWER_TOKEN);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("insufficient_role");
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("needs operator");
      HttpResponse<Buffer> scoped = setMode(gw, "COST_SPIKE", "forced_open", "test", GatewayHarness.BETA_OPERATOR_TOKEN);
      assertThat(scoped.statusCode()).as("a tenant's operator cannot change what every tenant gets").isEqualTo(403);
      assertThat(scoped.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("tenant_scoped_token");
      assertThat(view(gw, "COST_SPIKE").path("mode").asText()).isEqualTo("auto");
      assertThat(audit(gw).path("data")).isEmpty();
    }
  }

  @Test
  void rejectsAMissingReasonAnUnknownModeAndAnUnknownClass() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      assertThat(code(setMode(gw, "COST_SPIKE", "forced_open", null, GatewayHarness.OPERATOR_TOKEN)))
          .isEqualTo("400 reason_required");
      assertThat(code(setMode(gw, "COST_SPIKE", "forced_open", "  ", GatewayHarness.OPERATOR_TOKEN)))
          .isEqualTo("400 reason_required");
      assertThat(code(setMode(gw, "COST_SPIKE", "half_open", "x", GatewayHarness.OPERATOR_TOKEN)))
          .isEqualTo("400 invalid_mode");
      assertThat(code(setMode(gw, "DISK_FULL", "auto", "x", GatewayHarness.OPERATOR_TOKEN)))
          .isEqualTo("404 unknown_breaker");
      assertThat(audit(gw).path("data")).isEmpty();
    }
  }

  @Test
  void everyChangeIsAuditedAndAForcedModeSurvivesARestart() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      HttpResponse<Buffer> r = setMode(gw, "DATA_INCIDENT", "forced_open", "card numbers seen in answers",
          GatewayHarness.OPERATOR_TOKEN);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("state")).isEqualTo("open");
      JsonNode entry = audit(gw).path("data").get(0);
      assertThat(entry.path("id").asLong()).isEqualTo(r.bodyAsJsonObject().getLong("audit_id"));
      assertThat(entry.path("actor").asText()).isEqualTo("on-call");
      assertThat(entry.path("role").asText()).isEqualTo("operator");
      assertThat(entry.path("action").asText()).isEqualTo("breaker.set_mode");
      assertThat(entry.path("target").asText()).isEqualTo("breaker/DATA_INCIDENT");
      assertThat(entry.path("reason").asText()).isEqualTo("card numbers seen in answers");
      assertThat(entry.path("details").path("from").asText()).isEqualTo("auto");
      assertThat(entry.path("details").path("to").asText()).isEqualTo("forced_open");
      assertThat(entry.path("at").asText()).isNotBlank();
    }
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      JsonNode v = view(gw, "DATA_INCIDENT");
      assertThat(v.path("mode").asText()).isEqualTo("forced_open");
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("last_mode_change").path("reason").asText()).isEqualTo("card numbers seen in answers");
      assertThat(audit(gw).path("data")).hasSize(1);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(gw.gateway.incident.IncidentClass.class)
  void everyBreakerIsToggledByAnOperatorAuditedAndReturnedToAuto(gw.gateway.incident.IncidentClass c) {
    try (GatewayHarness gw = GatewayHarness.start(dataDir.resolve(c.name()))) {
      assertThat(setMode(gw, c.name(), "forced_open", "drill", GatewayHarness.BETA_VIEWER_TOKEN).statusCode())
          .isEqualTo(403);
      assertThat(setMode(gw, c.name(), "forced_open", "drill " + c, GatewayHarness.OPERATOR_TOKEN).statusCode())
          .isEqualTo(200);
      assertThat(view(gw, c.name()).path("state").asText()).isEqualTo("open");
      assertThat(view(gw, c.name()).path("last_trip_at").isNull()).as("an operator's mode is not a trip").isTrue();
      assertThat(setMode(gw, c.name(), "auto", "drill over", GatewayHarness.OPERATOR_TOKEN).statusCode()).isEqualTo(200);
      JsonNode v = view(gw, c.name());
      assertThat(v.path("mode").asText()).isEqualTo("auto");
      assertThat(v.path("state").asText()).isEqualTo("closed");
      JsonNode entries = audit(gw).path("data");
      assertThat(entries).hasSize(2);
      assertThat(entries.get(1).path("target").asText()).isEqualTo("breaker/" + c.name());
      assertThat(entries.get(1).path("reason").asText()).isEqualTo("drill " + c);
      assertThat(entries.get(0).path("details").path("to").asText()).isEqualTo("auto");
    }
  }

  private static String code(HttpResponse<Buffer> r) {
    return r.statusCode() + " " + r.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  private static JsonNode view(GatewayHarness gw, String cls) {
    return GatewayHarness.readTree(gw.admin("/admin/breakers/" + cls, GatewayHarness.ADMIN_TOKEN).bodyAsString());
  }

  private static JsonNode audit(GatewayHarness gw) {
    HttpResponse<Buffer> r = gw.admin("/admin/audit", GatewayHarness.ADMIN_TOKEN);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return GatewayHarness.readTree(r.bodyAsString());
  }
}
