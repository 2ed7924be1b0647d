package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.state.RawSqlite;
import gw.gateway.testing.ChatLoad;
import gw.gateway.testing.Eventually;
import gw.gateway.testing.GatewayProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while the gateway runs: no file of the process may grow (a file-size limit of
 * one byte, set from outside with prlimit), so every trace batch, spend flush and audit entry fails to
 * write until the limit is lifted. Requests go on being answered; what could not be written is counted
 * (traces) or kept and written later (spend); an operator change that cannot be audited is refused.
 */
class FullDiskTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int DURING = 200;

  @TempDir Path dataDir;
  @TempDir Path configDir;

  @Test
  void aFullDiskFailsNoRequestCountsTheDroppedTracesAndRecovers() throws Exception {
    GatewayProcess.loadConfig(configDir);
    try (GatewayProcess gw = GatewayProcess.up(dataDir, configDir)) {
      awaitStored(gw, traceId(gw.chat("before the disk fills")));

      gw.limitFileSize("1");
      ChatLoad full = ChatLoad.start(gw, 4, DURING).await();
      assertThat(full.otherStatuses()).as("answers other than 200 while the disk is full").isEmpty();
      assertThat(full.answered()).hasSize(DURING);
      Eventually.until("every trace written or dropped", WAIT,
          () -> gw.metric("gw_traces_dropped_total") + gw.metric("gw_traces_stored_total") == DURING + 1);
      assertThat(gw.metric("gw_traces_dropped_total")).isEqualTo(DURING);
      Eventually.until("a failed spend write counted", WAIT, () -> gw.metric("gw_control_store_failures_total") > 0);
      HttpResponse<String> refused = setQualityBreaker(gw);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
      assertThat(refused.body()).contains("audit_failed", "not applied");
      assertThat(gw.adminJson("/admin/breakers/QUALITY_DEGRADATION").path("mode").asText()).isEqualTo("auto");

      gw.limitFileSize("unlimited");
      awaitStored(gw, traceId(gw.chat("after space returned")));
      assertThat(gw.metric("gw_traces_dropped_total")).as("no drop once writes succeed").isEqualTo(DURING);
      assertThat(gw.metric("gw_traces_stored_total")).isEqualTo(2);
      HttpResponse<String> accepted = setQualityBreaker(gw);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      JsonNode demo = gw.adminJson("/admin/costs?group_by=tenant").path("data").get(0);
      assertThat(demo.path("requests").asLong()).as("spend kept through the outage, counted once")
          .isEqualTo(DURING + 2);
    }
    for (String db : List.of("traces.db", "control.db")) {
      assertThat(RawSqlite.text(dataDir.resolve(db), "PRAGMA integrity_check")).as(db).isEqualTo("ok");
    }
    assertThat(RawSqlite.text(dataDir.resolve("traces.db"), "SELECT count(*) FROM traces")).isEqualTo("2");
    assertThat(RawSqlite.text(dataDir.resolve("control.db"),
        "SELECT count(*) FROM audit WHERE action = 'breaker.set_mode'")).as("the refused change left no entry").isEqualTo("1");
  }

  private static String traceId(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.headers().firstValue("x-gateway-trace-id").orElseThrow();
  }

  private static void awaitStored(GatewayProcess gw, String traceId) throws Exception {
    Eventually.until("trace " + traceId + " stored", WAIT, () -> gw.admin("/admin/traces/" + traceId).statusCode() == 200);
  }

  private static HttpResponse<String> setQualityBreaker(GatewayProcess gw) throws Exception {
    return gw.adminPost("/admin/breakers/QUALITY_DEGRADATION", "{\"mode\":\"observe\",\"reason\":\"disk test\"}");
  }
}
