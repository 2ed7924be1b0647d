package gw.gateway.server;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.GatewayHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces survive a restart and the store is plain SQLite that standard tools can read. */
class TraceDurabilityTest {
  @TempDir Path dataDir;

  @Test
  void tracesSurviveARestartAndAreReadableWithPlainSql() throws Exception {
    String traceId;
    try (GatewayHarness first = GatewayHarness.start(dataDir)) {
      traceId = first.post("/v1/chat/completions", chat("gpt-4o-mini", "remember me")).getHeader("x-gateway-trace-id");
    }
    try (GatewayHarness second = GatewayHarness.start(dataDir)) {
      assertThat(second.trace(traceId).path("input_text").asText()).isEqualTo("remember me");
    }
    Path db = dataDir.resolve("traces.db");
    assertThat(Files.exists(db)).isTrue();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT tenant, model_requested, status FROM traces WHERE trace_id = '" + traceId + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("tenant")).isEqualTo("acme");
      assertThat(rs.getString("model_requested")).isEqualTo("gpt-4o-mini");
      assertThat(rs.getString("status")).isEqualTo("ok");
    }
  }
}
