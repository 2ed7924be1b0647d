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

/**
 * Reads and appends rows of the append-only {@code audit} table, each linked to the one before by
 * {@link AuditChain}. Appends run one at a time (the store's single connection, under its lock, in a
 * serializable SQLite transaction), so the chain stays a line.
 */
final class AuditTable {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

  private static final String INSERT = """
      INSERT INTO audit (id, at, at_ms, actor, role, action, target, reason, details, tenant, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String SELECT =
      "SELECT id, at_ms, actor, role, action, target, reason, details, tenant FROM audit";
  /** The newest row, and the highest id ever issued (AUTOINCREMENT never reuses one, even after a delete). */
  private static final String HEAD = """
      SELECT (SELECT hash FROM audit ORDER BY id DESC LIMIT 1),
             max(coalesce((SELECT max(id) FROM audit), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0))""";
  static final String ROWS = """
      SELECT id, at, at_ms, actor, role, action, target, reason, details, tenant, prev_hash, hash
      FROM audit ORDER BY id""";

  private AuditTable() {}

  static AuditEntry append(Connection c, AuditEntry.Draft d) throws SQLException {
    String json = toJson(d.details());
    Instant at = StoredTime.truncate(d.at());
    String prevHash;
    long id;
    try (PreparedStatement ps = c.prepareStatement(HEAD); ResultSet rs = ps.executeQuery()) {
      rs.next();
      prevHash = rs.getString(1) == null ? AuditChain.GENESIS : rs.getString(1);
      id = rs.getLong(2) + 1;
    }
    AuditChain.Row row = new AuditChain.Row(id, StoredTime.text(at), at.toEpochMilli(), d.actor(), d.role(),
        d.action(), d.target(), d.reason(), json, d.tenant());
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bind(ps, row);
      ps.setString(11, prevHash);
      ps.setString(12, AuditChain.hash(prevHash, row));
      ps.executeUpdate();
    }
    // Details are read back from the JSON, so the entry returned equals the one audit() returns.
    return new AuditEntry(id, at, d.actor(), d.role(), d.action(), d.target(), d.reason(), fromJson(json), d.tenant());
  }

  /** Links rows written before the chain existed, oldest first (run by the schema migration only). */
  static void chainExisting(Connection c) throws SQLException {
    String prevHash = AuditChain.GENESIS;
    try (PreparedStatement read = c.prepareStatement(ROWS); ResultSet rs = read.executeQuery();
        PreparedStatement write = c.prepareStatement("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?")) {
      while (rs.next()) {
        AuditChain.Row row = row(rs);
        String hash = AuditChain.hash(prevHash, row);
        write.setString(1, prevHash);
        write.setString(2, hash);
        write.setLong(3, row.id());
        write.executeUpdate();
        prevHash = hash;
      }
    }
  }

  /** A row of {@link #ROWS}, as stored. */
  static AuditChain.Row row(ResultSet rs) throws SQLException {
    return new AuditChain.Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
  }

  private static void bind(PreparedStatement ps, AuditChain.Row r) throws SQLException {
    ps.setLong(1, r.id());
    ps.setString(2, r.at());
    ps.setLong(3, r.atMs());
    ps.setString(4, r.actor());
    ps.setString(5, r.role());
    ps.setString(6, r.action());
    ps.setString(7, r.target());
    ps.setString(8, r.reason());
    ps.setString(9, r.details());
    ps.setString(10, r.tenant());
  }

  static List<AuditEntry> query(Connection c, AuditQuery q) throws SQLException {
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    // Only the filters given go into the SQL, so the planner can use the matching (column, id) index.
    filter(where, args, "actor = ?", q.actor());
    filter(where, args, "action = ?", q.action());
    filter(where, args, "target = ?", q.target());
    filter(where, args, "tenant = ?", q.tenant());
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
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), fromJson(rs.getString(8)),
              rs.getString(9)));
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
