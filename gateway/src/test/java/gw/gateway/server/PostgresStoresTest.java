package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.state.AuditChainCheck;
import gw.gateway.testing.GatewayHarness;
import gw.traces.pg.StoreUrl;
import gw.traces.testing.PostgresServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A gateway whose traces and control state live in PostgreSQL: served, listed, audited, and kept over a restart. */
class PostgresStoresTest {
  @RegisterExtension
  static final PostgresServer postgres = new PostgresServer();

  @TempDir Path firstDir;
  @TempDir Path secondDir;

  @Test
  void tracesAuditAndBreakerModesLiveInPostgresAndSurviveARestartOnAnotherDataDirectory() {
    StoreUrl url = StoreUrl.parse(postgres.freshDatabase(), null);
    String traceId;
    long auditId;
    try (GatewayHarness gw = GatewayHarness.start(firstDir, GatewayHarness.Options.defaults().withStoreUrl(url))) {
      HttpResponse<Buffer> answer = gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "hello"));
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
      traceId = answer.getHeader("x-gateway-trace-id");
      gw.flushTraces();
      JsonNode page = GatewayHarness.readTree(gw.admin("/admin/traces?limit=10", GatewayHarness.ADMIN_TOKEN)
          .bodyAsString());
      assertThat(page.path("data")).extracting(t -> t.path("trace_id").asText()).containsExactly(traceId);
      JsonNode store = GatewayHarness.readTree(gw.admin("/admin/store", GatewayHarness.ADMIN_TOKEN).bodyAsString());
      assertThat(store.path("stored").asLong()).isEqualTo(1);
      assertThat(store.path("database").path("up").asBoolean()).isTrue();
      HttpResponse<Buffer> set = gw.adminPost("/admin/breakers/COST_SPIKE",
          new JsonObject().put("mode", "forced_open").put("reason", "provider bill"), GatewayHarness.OPERATOR_TOKEN);
      assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
      auditId = set.bodyAsJsonObject().getLong("audit_id");
    }
    assertThat(firstDir.resolve("traces.db")).doesNotExist();
    assertThat(firstDir.resolve("control.db")).doesNotExist();

    try (GatewayHarness gw = GatewayHarness.start(secondDir, GatewayHarness.Options.defaults().withStoreUrl(url))) {
      assertThat(gw.trace(traceId).path("model_requested").asText()).isEqualTo("gpt-4o-mini");
      JsonNode breaker = GatewayHarness.readTree(gw.admin("/admin/breakers/COST_SPIKE", GatewayHarness.ADMIN_TOKEN)
          .bodyAsString());
      assertThat(breaker.path("mode").asText()).isEqualTo("forced_open");
      assertThat(breaker.path("last_mode_change").path("reason").asText()).isEqualTo("provider bill");
      JsonNode audit = GatewayHarness.readTree(gw.admin("/admin/audit", GatewayHarness.ADMIN_TOKEN).bodyAsString());
      assertThat(audit.path("data")).extracting(e -> e.path("id").asLong()).containsExactly(auditId);
    }
    AuditChainCheck.Result chain = AuditChainCheck.verify(postgres.vertx(), url);
    assertThat(chain.outcome()).as(chain.problem()).isEqualTo(AuditChainCheck.Outcome.INTACT);
    assertThat(chain.headId()).isEqualTo(auditId);
  }

  @Test
  void aRefusedLoginStopsTheStartNamingWhereAndWhoButNotThePassword() {
    String database = StoreUrl.parse(postgres.freshDatabase(), null).database();
    StoreUrl wrong = new StoreUrl("127.0.0.1", postgres.port(), database, "gw", "hunter2-wrong");

    assertThatThrownBy(() -> GatewayHarness.start(firstDir, GatewayHarness.Options.defaults().withStoreUrl(wrong)))
        .hasMessageContaining("host 127.0.0.1, port " + postgres.port() + ", database " + database + ", user gw")
        .hasMessageContaining("password authentication failed")
        .hasMessageNotContaining("hunter2-wrong");
  }
}
