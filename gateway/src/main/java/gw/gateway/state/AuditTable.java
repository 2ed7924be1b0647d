package gw.gateway.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import gw.traces.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and appends rows of the append-only {@code audit} table. */
final class AuditTable {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

  private static final String INSERT = """
      INSERT INTO audit (at, at_ms, actor, role, action, target, reason, details)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String SELECT = "SELECT id, at_ms, actor, role, action, target, reason, details FROM audit";

  private AuditTable() {}

  static AuditEntry append(Connection c, AuditEntry.Draft d) throws SQLException {
    String json = toJson(d.details());
    Instant at = StoredTime.truncate(d.at());
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, StoredTime.text(at));
      ps.setLong(2, at.toEpochMilli());
      ps.setString(3, d.actor());
      ps.setString(4, d.role());
      ps.setString(5, d.action());
      ps.setString(6, d.target());
      ps.setString(7, d.reason());
      ps.setString(8, json);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("insert returned no id");
        }
        // Details are read back from the JSON, so the entry returned equals the one audit() returns.
        return new AuditEntry(rs.getLong(1), at, d.actor(), d.role(), d.action(), d.target(), d.reason(),
            fromJson(json));
      }
    }
  }

  static List<AuditEntry> query(Connection c, AuditQuery q) throws SQLException {
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    // Only the filters given go into the SQL, so the planner can use the matching (column, id) index.
    filter(where, args, "actor = ?", q.actor());
    filter(where, args, "action = ?", q.action());
    filter(where, args, "target = ?", q.target());
    filter(where, args, "at_ms >= ?", q.since() == null ? null : q.since().toEpochMilli());
    filter(where, args, "id < ?", q.beforeId());
    String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY id DESC LIMIT ?";
    args.add(q.limit());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<AuditEntry> entries = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), fromJson(rs.getString(8))));
        }
      }
      return entries;
    }
  }

  private static void filter(List<String> where, List<Object> args, String condition, Object value) {
    if (value != null) {
      where.add(condition);
      args.add(value);
    }
  }

  private static String toJson(Map<String, Object> details) {
    try {
      return JSON.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit details cannot be written as JSON: " + e.getOriginalMessage()
          + "; use strings, numbers, booleans, lists and maps", e);
    }
  }

  private static Map<String, Object> fromJson(String json) throws SQLException {
    try {
      return JSON.readValue(json, DETAILS);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored audit details are not a JSON object: " + e.getOriginalMessage(), e);
    }
  }
}
