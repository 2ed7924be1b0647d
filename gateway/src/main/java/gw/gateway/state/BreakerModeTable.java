package gw.gateway.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

  static void save(Connection c, BreakerModeRow row) throws SQLException {
    Instant at = StoredTime.truncate(row.at());
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setString(1, row.incidentClass());
      ps.setString(2, row.mode());
      ps.setString(3, row.reason());
      ps.setString(4, row.actor());
      ps.setString(5, StoredTime.text(at));
      ps.setLong(6, at.toEpochMilli());
      ps.executeUpdate();
    }
  }

  static Map<String, BreakerModeRow> all(Connection c) throws SQLException {
    Map<String, BreakerModeRow> modes = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        BreakerModeRow row = new BreakerModeRow(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)));
        modes.put(row.incidentClass(), row);
      }
    }
    return modes;
  }
}
