package gw.gateway.state;

import gw.traces.sql.SqlSession;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code incidents} table: one JSON document per incident, replaced whole on every change. */
final class IncidentTable {
  private static final String UPSERT = """
      INSERT INTO incidents (id, incident_class, status, opened_ms, doc) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc""";
  private static final String COLUMNS = "SELECT id, incident_class, status, opened_ms, doc FROM incidents";
  private static final SqlSession.RowReader<IncidentRow> ROW =
      r -> new IncidentRow(r.text(1), r.text(2), r.text(3), r.int64(4), r.text(5));

  private IncidentTable() {}

  static void save(SqlSession s, IncidentRow row) throws SQLException {
    s.update(UPSERT, row.id(), row.incidentClass(), row.status(), row.openedMs(), row.doc());
  }

  /** The newest {@code limit} incidents, newest first. */
  static List<IncidentRow> newest(SqlSession s, int limit) throws SQLException {
    return s.query(COLUMNS + " ORDER BY opened_ms DESC, id DESC LIMIT ?", ROW, limit);
  }

  static Optional<IncidentRow> byId(SqlSession s, String id) throws SQLException {
    return s.query(COLUMNS + " WHERE id = ?", ROW, id).stream().findFirst();
  }

  /** How many incident ids start with {@code prefix} (e.g. "INC-2026-"): the year's sequence so far. */
  static int countWithPrefix(SqlSession s, String prefix) throws SQLException {
    return (int) s.query("SELECT count(*) FROM incidents WHERE substr(id, 1, ?) = ?", r -> r.int64(1),
        prefix.length(), prefix).get(0).longValue();
  }
}
