package gw.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.replay.ImportedTraces;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.diagnosis.ReferenceTraces;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /admin/traces/import}: a maintainer's action, into known tenants only, marked and audited. */
class TraceImportApiTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  private static TraceRecord record(String tenant) {
    return ReferenceTraces.load("trace-b-retrieval-mismatch.json").toBuilder().traceId(UUID.randomUUID().toString())
        .tenant(tenant).build();
  }

  private static HttpResponse<Buffer> importAs(String token, String reason, TraceRecord... records) throws Exception {
    JsonArray traces = new JsonArray();
    for (TraceRecord r : records) {
      traces.add(new JsonObject(TraceJson.MAPPER.writeValueAsString(r)));
    }
    return gw.adminPost("/admin/traces/import", new JsonObject().put("traces", traces).put("reason", reason), token);
  }

  private static int stored(String traceId) {
    gw.flushTraces();
    return gw.admin("/admin/traces/" + traceId, GatewayHarness.ADMIN_TOKEN).statusCode();
  }

  private static JsonNode imports(String target) {
    return GatewayHarness.readTree(gw.admin("/admin/audit?action=traces.import&target=" + target,
        GatewayHarness.ADMIN_TOKEN).bodyAsString()).path("data");
  }

  @Test
  void aMaintainerImportsIntoKnownTenantsMarkedAndAuditedPerTenant() throws Exception {
    TraceRecord acme = record("acme");
    TraceRecord beta = record("beta");

    HttpResponse<Buffer> r = importAs(GatewayHarness.ADMIN_TOKEN, "incident INC-7 evidence", acme, beta);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("imported")).containsExactly(acme.traceId(), beta.traceId());
    JsonNode stored = gw.trace(acme.traceId());
    assertThat(stored.path("actions").toString()).contains("\"" + ImportedTraces.ACTION + "\"");
    assertThat(stored.path("tenant").asText()).isEqualTo("acme");
    JsonNode entry = imports("tenant/beta").get(0);
    assertThat(entry.path("tenant").asText()).isEqualTo("beta");
    assertThat(entry.path("actor").asText()).isEqualTo("ops");
    assertThat(entry.path("reason").asText()).isEqualTo("incident INC-7 evidence");
    assertThat(entry.path("details").path("trace_ids").toString()).contains(beta.traceId())
        .doesNotContain(acme.traceId());

    HttpResponse<Buffer> again = importAs(GatewayHarness.ADMIN_TOKEN, "again", acme);
    assertThat(again.bodyAsJsonObject().getJsonArray("already_present")).containsExactly(acme.traceId());
    assertThat(again.bodyAsJsonObject().getJsonArray("imported")).isEmpty();
  }

  @Test
  void anImportedRecordIsStoredRedactedLikeEveryTrace() throws Exception {
    String key = "sk-proj-" + "Zq8Xw2Lm4Np6Rt0Vb3Cd5Ef7Gh9Jk1";
    TraceRecord leaky = record("acme").toBuilder().inputText("my key is " + key + ", mail me at ann@example.org")
        .build();
    assertThat(importAs(GatewayHarness.ADMIN_TOKEN, "evidence", leaky).statusCode()).isEqualTo(200);
    String stored = gw.trace(leaky.traceId()).path("input_text").asText();
    assertThat(stored).doesNotContain(key).doesNotContain("ann@example.org").contains("[REDACTED:");
  }

  @Test
  void aTenantScopedMaintainerImportsIntoItsOwnTenantOnly() throws Exception {
    TraceRecord own = record("acme");
    TraceRecord other = record("beta");

    HttpResponse<Buffer> refused = importAs(GatewayHarness.ACME_MAINTAINER_TOKEN, "mine", own, other);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsString()).contains("tenant_scoped_token", "tenant 'beta'");
    assertThat(stored(own.traceId())).as("nothing of a refused import is stored").isEqualTo(404);
    assertThat(importAs(GatewayHarness.ACME_MAINTAINER_TOKEN, "mine", own).statusCode()).isEqualTo(200);
    assertThat(stored(own.traceId())).isEqualTo(200);
    assertThat(importAs(GatewayHarness.OPERATOR_TOKEN, "not mine to do", record("acme")).statusCode())
        .as("an operator may replay records, not import them").isEqualTo(403);
  }

  @Test
  void anUnknownTenantOrAMissingReasonIsRefusedAndNothingIsStored() throws Exception {
    TraceRecord stranger = record("globex");
    TraceRecord fine = record("acme");

    HttpResponse<Buffer> unknown = importAs(GatewayHarness.ADMIN_TOKEN, "why not", fine, stranger);
    HttpResponse<Buffer> unexplained = importAs(GatewayHarness.ADMIN_TOKEN, " ", fine);

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsString()).contains("invalid_import", "tenant 'globex', which has no gateway key",
        "[acme, beta]");
    assertThat(unexplained.statusCode()).isEqualTo(400);
    assertThat(unexplained.bodyAsString()).contains("reason_required");
    assertThat(stored(fine.traceId())).isEqualTo(404);
    assertThat(stored(stranger.traceId())).isEqualTo(404);
    assertThat(imports("tenant/globex")).isEmpty();
  }
}
