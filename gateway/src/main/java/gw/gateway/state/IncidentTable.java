package gw.gateway.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code incidents} table: one JSON document per incident, replaced whole on every change. */
final class IncidentTable {
  private static final String UPSERT = """
      INSERT INTO incidents (id, incident_class, status, opened_ms, doc) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc""";

  private IncidentTable() {}

  static void save(Connection c, IncidentRow row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setString(1, row.id());
      ps.setString(2, row.incidentClass());
      ps.setString(3, row.status());
      ps.setLong(4, row.openedMs());
      ps.setString(5, row.doc());
      ps.executeUpdate();
    }
  }

  /** The newest {@code limit} incidents, newest first. */
  static List<IncidentRow> newest(Connection c, int limit) throws SQLException {
    List<IncidentRow> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, incident_class, status, opened_ms, doc FROM incidents ORDER BY opened_ms DESC, id DESC LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new IncidentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
        }
      }
    }
    return rows;
  }

  static java.util.Optional<IncidentRow> byId(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, incident_class, status, opened_ms, doc FROM incidents WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? java.util.Optional.of(new IncidentRow(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), rs.getString(5))) : java.util.Optional.empty();
      }
    }
  }

  /** How many incident ids start with {@code prefix} (e.g. "INC-2026-"): the year's sequence so far. */
  static int countWithPrefix(Connection c, String prefix) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM incidents WHERE id LIKE ? || '%'")) {
      ps.setString(1, prefix);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }
}
