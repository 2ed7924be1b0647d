package gw.traces.store;

import static org.assertj.core.api.Assertions.assertThat;

import gw.traces.TraceFixtures;
import gw.traces.TraceRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database as other tools see it: plain JDBC, no store code. */
class StoreSchemaTest {
  @TempDir
  Path dataDir;

  @Test
  void plainJdbcSeesTheDocumentedSchema() throws Exception {
    TraceRecord record = TraceFixtures.valid();
    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      store.offer(record);
      store.flush();
    }

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("traces.db"))) {
      assertThat(strings(c, "PRAGMA user_version")).containsExactly("3");
      assertThat(strings(c, "PRAGMA journal_mode")).containsExactly("wal");
      assertThat(strings(c, "SELECT name FROM pragma_table_info('traces') ORDER BY cid")).containsExactly(
          "trace_id", "ts", "ts_ms", "environment", "tenant", "team", "feature", "session_id", "request_id",
          "conversation_id", "model_requested", "model_served", "prompt_id", "prompt_version", "status",
          "http_status", "latency_ms", "total_tokens", "cost_usd", "replay_of", "record");
      assertThat(strings(c, "SELECT name FROM pragma_index_list('traces')")).contains(
          "traces_time", "traces_tenant_time", "traces_model_requested_time", "traces_model_served_time",
          "traces_prompt_version_time", "traces_status_time", "traces_session_time")
          .doesNotContain("traces_request");
      assertThat(strings(c, "SELECT ts || ' ' || ts_ms || ' ' || tenant || ' ' || model_served || ' ' || status"
          + " || ' ' || http_status || ' ' || latency_ms || ' ' || total_tokens FROM traces"))
          .containsExactly("2025-03-14T12:30:45.123Z 1741955445123 acme gpt-4o-mini-2024-07-18 ok 200 812.5 165");
      assertThat(strings(c, "SELECT json_extract(record, '$.sampling.reason') FROM traces WHERE trace_id = '"
          + record.traceId() + "'")).containsExactly("random");
    }
  }

  @Test
  void openingAVersionOneDatabaseDropsItsRequestIndex() throws Exception {
    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      store.offer(TraceFixtures.valid());
      store.flush();
    }
    Path db = dataDir.resolve("traces.db");
    execute(db, "CREATE INDEX traces_request ON traces (request_id) WHERE request_id IS NOT NULL");
    execute(db, "PRAGMA user_version = 1");

    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      assertThat(store.findById(TraceFixtures.valid().traceId())).isPresent();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(strings(c, "PRAGMA user_version")).containsExactly("3");
      assertThat(strings(c, "SELECT name FROM pragma_index_list('traces')")).doesNotContain("traces_request");
    }
  }

  @Test
  void openingAVersionTwoDatabaseMakesThreeIndexesPartialAndTheQueriesStillUseThem() throws Exception {
    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      store.offer(TraceFixtures.valid());
      store.flush();
    }
    Path db = dataDir.resolve("traces.db");
    for (String index : List.of("traces_prompt_version_time", "traces_status_time", "traces_session_time")) {
      execute(db, "DROP INDEX " + index);
    }
    execute(db, "CREATE INDEX traces_prompt_version_time ON traces (prompt_version, ts_ms)");
    execute(db, "CREATE INDEX traces_status_time ON traces (status, ts_ms)");
    execute(db, "CREATE INDEX traces_session_time ON traces (session_id, ts_ms)");
    execute(db, "PRAGMA user_version = 2");

    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      assertThat(store.query(TraceQuery.builder().status("ok").build()).items()).hasSize(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(strings(c, "PRAGMA user_version")).containsExactly("3");
      assertThat(strings(c, "SELECT name || ': ' || sql FROM sqlite_master WHERE name IN ('traces_status_time',"
          + " 'traces_session_time', 'traces_prompt_version_time') ORDER BY name")).containsExactly(
          "traces_prompt_version_time: CREATE INDEX traces_prompt_version_time ON traces (prompt_version, ts_ms)"
              + " WHERE prompt_version IS NOT NULL",
          "traces_session_time: CREATE INDEX traces_session_time ON traces (session_id, ts_ms)"
              + " WHERE session_id IS NOT NULL",
          "traces_status_time: CREATE INDEX traces_status_time ON traces (status, ts_ms) WHERE status <> 'ok'");
      assertThat(plan(c, TraceQuery.builder().status("error").build())).contains("traces_status_time");
      assertThat(plan(c, TraceQuery.builder().sessionId("s-1").build())).contains("traces_session_time");
      assertThat(plan(c, TraceQuery.builder().promptVersion("v2").build())).contains("traces_prompt_version_time");
    }
  }

  /** SQLite's plan for the store's SQL of a query, as one line per step. */
  private static String plan(Connection c, TraceQuery query) throws SQLException {
    QuerySql sql = QuerySql.of(query);
    List<String> steps = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql.sql())) {
      for (int i = 0; i < sql.params().size(); i++) {
        ps.setObject(i + 1, sql.params().get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.add(rs.getString("detail"));
        }
      }
    }
    return String.join("\n", steps);
  }

  static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  static long count(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void execute(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
