package gw.gateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Replays act as a configured key of the original's tenant, whatever a submitted record claims;
 * inline records are replayed without ever entering the trace history; every replay is audited.
 */
class InlineReplayTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  /** Reference trace a under a fresh id, claiming another team and a higher tier than acme's key has. */
  private static TraceRecord forged(String tenant) {
    return ReferenceTraces.load("trace-a-normal-success.json").toBuilder().traceId(UUID.randomUUID().toString())
        .tenant(tenant).team("billing").customerTier("enterprise").build();
  }

  private static JsonObject json(TraceRecord r) throws Exception {
    return new JsonObject(TraceJson.MAPPER.writeValueAsString(r));
  }

  private static HttpResponse<Buffer> job(String token, TraceRecord... records) throws Exception {
    JsonArray traces = new JsonArray();
    for (TraceRecord r : records) {
      traces.add(json(r));
    }
    return gw.adminPost("/admin/replay/jobs", new JsonObject().put("traces", traces), token);
  }

  private static JsonNode finished(HttpResponse<Buffer> started, String token) {
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
    String id = started.bodyAsJsonObject().getString("id");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      JsonNode job = GatewayHarness.readTree(gw.admin("/admin/replay/jobs/" + id, token).bodyAsString());
      if (job.path("status").asText().equals("finished")) {
        return job;
      }
      assertThat(System.nanoTime()).as("job " + id + " finished within 30 s").isLessThan(deadline);
      GatewayHarness.await(gw.vertx.timer(50));
    }
  }

  private static JsonNode audited(String traceId) {
    JsonNode entries = GatewayHarness.readTree(gw.admin("/admin/audit?action=replay.run&target=trace/" + traceId,
        GatewayHarness.ADMIN_TOKEN).bodyAsString()).path("data");
    assertThat(entries).as("one replay.run entry for " + traceId).hasSize(1);
    return entries.get(0);
  }

  private static int stored(String traceId) {
    gw.flushTraces();
    return gw.admin("/admin/traces/" + traceId, GatewayHarness.ADMIN_TOKEN).statusCode();
  }

  @Test
  void anInlineRecordRunsAsItsTenantsKeyAndIsNeverStored() throws Exception {
    TraceRecord record = forged("acme");

    JsonNode row = finished(job(GatewayHarness.ACME_OPERATOR_TOKEN, record), GatewayHarness.ACME_OPERATOR_TOKEN)
        .path("rows").get(0);

    assertThat(row.path("error").isNull() || row.path("error").isMissingNode()).as(row.toString()).isTrue();
    JsonNode entry = audited(record.traceId());
    JsonNode replay = gw.trace(entry.path("details").path("replay_trace_id").asText());
    assertThat(replay.path("tenant").asText()).isEqualTo("acme");
    assertThat(replay.path("team").asText()).as("the key's team, not the record's").isEqualTo("search");
    assertThat(replay.path("customer_tier").asText()).as("the key's tier, not the record's").isEqualTo("pro");
    assertThat(entry.path("details").path("ran_as_key").asText()).isEqualTo("acme-app");
    assertThat(entry.path("details").path("inline_record").asBoolean()).isTrue();
    assertThat(stored(record.traceId())).as("the inline record is not in the trace history").isEqualTo(404);
  }

  @Test
  void aFailedInlineReplayLeavesNothingInTheStore() throws Exception {
    TraceRecord unbuildable = forged("acme").toBuilder().request(null).build();
    TraceRecord stranger = forged("globex");

    JsonNode rows = finished(job(GatewayHarness.OPERATOR_TOKEN, unbuildable, stranger), GatewayHarness.OPERATOR_TOKEN)
        .path("rows");

    assertThat(rows.get(0).path("error").asText()).contains("has no captured chat request");
    assertThat(rows.get(1).path("error").asText()).contains("tenant 'globex', which has no gateway key");
    assertThat(stored(unbuildable.traceId())).isEqualTo(404);
    assertThat(stored(stranger.traceId())).isEqualTo(404);
    assertThat(audited(stranger.traceId()).path("details").path("outcome").asText()).isEqualTo("failed");
  }

  @Test
  void aTenantScopedOperatorCannotSubmitAnotherTenantsRecords() throws Exception {
    TraceRecord betas = forged("beta");

    HttpResponse<Buffer> refused = job(GatewayHarness.ACME_OPERATOR_TOKEN, forged("acme"), betas);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("tenant_scoped_token");
    assertThat(stored(betas.traceId())).isEqualTo(404);
  }

  @Test
  void aReplayIsAuditedWithWhoWhatOverridesAndOutcome() {
    String live = gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o", "Where is my parcel?"))
        .getHeader("x-gateway-trace-id");
    gw.flushTraces();

    HttpResponse<Buffer> ok = gw.adminPost("/admin/replay", new JsonObject().put("trace_id", live)
        .put("overrides", new JsonObject().put("model", "gpt-4o-mini")), GatewayHarness.OPERATOR_TOKEN);
    HttpResponse<Buffer> missing = gw.adminPost("/admin/replay", new JsonObject()
        .put("trace_id", "00000000-0000-4000-8000-000000000000"), GatewayHarness.OPERATOR_TOKEN);

    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
    JsonNode entry = audited(live);
    assertThat(entry.path("actor").asText()).isEqualTo("on-call");
    assertThat(entry.path("role").asText()).isEqualTo("operator");
    assertThat(entry.path("tenant").asText()).isEqualTo("acme");
    assertThat(entry.path("details").path("overrides").asText()).isEqualTo("model=gpt-4o-mini");
    assertThat(entry.path("details").path("outcome").asText()).isEqualTo(ok.bodyAsJsonObject().getString("verdict"));
    assertThat(entry.path("details").path("replay_trace_id").asText())
        .isEqualTo(ok.bodyAsJsonObject().getJsonObject("replay").getString("trace_id"));
    assertThat(missing.statusCode()).isEqualTo(404);
    JsonNode failed = audited("00000000-0000-4000-8000-000000000000");
    assertThat(failed.path("details").path("outcome").asText()).isEqualTo("failed");
    assertThat(failed.path("details").path("error").asText()).contains("No stored trace");
  }

  @Test
  void aJobIsAuditedBeforeItRunsAndEachOfItsReplaysWithIt() throws Exception {
    TraceRecord record = forged("acme");

    JsonNode job = finished(job(GatewayHarness.OPERATOR_TOKEN, record), GatewayHarness.OPERATOR_TOKEN);

    JsonNode started = GatewayHarness.readTree(gw.admin("/admin/audit?action=replay.job&target=replay_job/"
        + job.path("id").asText(), GatewayHarness.ADMIN_TOKEN).bodyAsString()).path("data").get(0);
    assertThat(started.path("details").path("source").asText()).isEqualTo("traces");
    assertThat(started.path("tenant").asText()).isEqualTo("acme");
    assertThat(audited(record.traceId()).path("details").path("job").asText()).isEqualTo(job.path("id").asText());
  }
}
