package gw.gateway.state;

import gw.traces.sql.SqlSession;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code breaker_modes} table: one row per incident class, the last mode an operator set. */
final class BreakerModeTable {
  private static final String UPSERT = """
      INSERT INTO breaker_modes (incident_class, mode, reason, actor, at, at_ms) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (incident_class) DO UPDATE SET
        mode = excluded.mode, reason = excluded.reason, actor = excluded.actor,
        at = excluded.at, at_ms = excluded.at_ms""";
  private static final String SELECT =
      "SELECT incident_class, mode, reason, actor, at_ms FROM breaker_modes ORDER BY incident_class";

  private BreakerModeTable() {}

  static void save(SqlSession s, BreakerModeRow row) throws SQLException {
    Instant at = StoredTime.truncate(row.at());
    s.update(UPSERT, row.incidentClass(), row.mode(), row.reason(), row.actor(), StoredTime.text(at),
        at.toEpochMilli());
  }

  static Map<String, BreakerModeRow> all(SqlSession s) throws SQLException {
    Map<String, BreakerModeRow> modes = new LinkedHashMap<>();
    for (BreakerModeRow row : s.query(SELECT, r -> new BreakerModeRow(r.text(1), r.text(2), r.text(3), r.text(4),
        Instant.ofEpochMilli(r.int64(5))))) {
      modes.put(row.incidentClass(), row);
    }
    return modes;
  }
}
