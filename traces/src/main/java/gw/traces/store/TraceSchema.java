package gw.traces.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.Timestamps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code traces} table: the full record as JSON plus copies of the fields people filter on,
 * so queries and plain {@code sqlite3} sessions need no JSON functions. SQLite's is versioned with
 * {@code PRAGMA user_version}; PostgreSQL's is {@code db/migration/gw_traces}, run by Flyway.
 */
final class TraceSchema {
  static final int VERSION = 3;

  /** Fixed-width UTC millis, so ts sorts as text in the same order as ts_ms. */
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * The status index's condition. A query must repeat it word for word for SQLite to use the
   * partial index ({@link QuerySql} does, for any status but ok).
   */
  static final String NOT_OK = "status <> '" + TraceRecord.STATUS_OK + "'";

  /** Indexes that became partial in v3: dropped once, so the DDL recreates them with their condition. */
  private static final List<String> MADE_PARTIAL_IN_V3 =
      List.of("traces_prompt_version_time", "traces_status_time", "traces_session_time");

  private static final List<String> DDL = List.of(
      """
      CREATE TABLE IF NOT EXISTS traces (
        trace_id        TEXT PRIMARY KEY,
        ts              TEXT NOT NULL,
        ts_ms           INTEGER NOT NULL,
        environment     TEXT NOT NULL,
        tenant          TEXT NOT NULL,
        team            TEXT,
        feature         TEXT,
        session_id      TEXT,
        request_id      TEXT,
        conversation_id TEXT,
        model_requested TEXT,
        model_served    TEXT,
        prompt_id       TEXT,
        prompt_version  TEXT,
        status          TEXT NOT NULL,
        http_status     INTEGER NOT NULL,
        latency_ms      REAL NOT NULL,
        total_tokens    INTEGER,
        cost_usd        REAL,
        replay_of       TEXT,
        record          TEXT NOT NULL
      )""",
      "CREATE INDEX IF NOT EXISTS traces_time ON traces (ts_ms, trace_id)",
      "CREATE INDEX IF NOT EXISTS traces_tenant_time ON traces (tenant, ts_ms)",
      "CREATE INDEX IF NOT EXISTS traces_model_requested_time ON traces (model_requested, ts_ms)",
      "CREATE INDEX IF NOT EXISTS traces_model_served_time ON traces (model_served, ts_ms)",
      // v3: partial, so the common row (no prompt version, no session, status ok) costs these
      // three indexes nothing; a query for a value is served by them, "ok" by traces_time.
      "CREATE INDEX IF NOT EXISTS traces_prompt_version_time ON traces (prompt_version, ts_ms)"
          + " WHERE prompt_version IS NOT NULL",
      "CREATE INDEX IF NOT EXISTS traces_status_time ON traces (status, ts_ms) WHERE " + NOT_OK,
      "CREATE INDEX IF NOT EXISTS traces_session_time ON traces (session_id, ts_ms) WHERE session_id IS NOT NULL",
      "CREATE INDEX IF NOT EXISTS traces_replay_of ON traces (replay_of) WHERE replay_of IS NOT NULL",
      // Retention: up to when each environment's records have lost their content (TraceRetention).
      """
      CREATE TABLE IF NOT EXISTS retention_marks (
        environment               TEXT PRIMARY KEY,
        content_dropped_before_ms INTEGER NOT NULL
      )""");

  /** Shared by both stores: SQLite and PostgreSQL spell this upsert alike. */
  static final String INSERT = """
      INSERT INTO traces (trace_id, ts, ts_ms, environment, tenant, team, feature, session_id,
        request_id, conversation_id, model_requested, model_served, prompt_id, prompt_version, status,
        http_status, latency_ms, total_tokens, cost_usd, replay_of, record)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (trace_id) DO NOTHING""";

  private TraceSchema() {}

  /** Creates or checks the schema; refuses a database written by a newer schema. */
  static void migrate(Connection c, String where) throws SQLException {
    int version = userVersion(c);
    if (version > VERSION) {
      throw new TraceStoreException("trace database " + where + " has schema version " + version
          + ", newer than the " + VERSION + " this build understands; upgrade, or use another data directory");
    }
    try (Statement s = c.createStatement()) {
      if (version < 3) {
        for (String index : MADE_PARTIAL_IN_V3) {
          s.execute("DROP INDEX IF EXISTS " + index);
        }
      }
      for (String ddl : DDL) {
        s.execute(ddl);
      }
      // v2: no query reads request_id, and its random keys dirtied one index page per insert.
      s.execute("DROP INDEX IF EXISTS traces_request");
      s.execute("PRAGMA user_version = " + VERSION);
    }
  }

  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** A batch's rows for {@link #INSERT}. */
  static List<Object[]> rows(List<TraceRecord> batch) {
    List<Object[]> rows = new ArrayList<>(batch.size());
    for (TraceRecord r : batch) {
      rows.add(row(r));
    }
    return rows;
  }

  private static Object[] row(TraceRecord r) {
    Instant ts = Timestamps.parse(r.timestamp());
    return new Object[] {r.traceId(), TS.format(ts), ts.toEpochMilli(), r.environment(), r.tenant(), r.team(),
        r.feature(), r.sessionId(), r.requestId(), r.conversationId(), r.modelRequested(), r.modelServed(),
        r.promptId(), r.promptVersion(), r.status(), r.httpStatus(), r.latencyMs(),
        r.tokens() == null ? null : r.tokens().totalTokens(), r.costUsd(), r.replayOf(), json(r)};
  }

  private static String json(TraceRecord r) {
    try {
      return TraceJson.MAPPER.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("trace " + r.traceId() + " cannot be written as JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
