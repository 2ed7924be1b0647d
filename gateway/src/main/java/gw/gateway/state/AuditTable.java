package gw.gateway.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import gw.traces.json.Json;
import gw.traces.sql.SqlRow;
import gw.traces.sql.SqlSession;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and appends rows of the append-only {@code audit} table, each linked to the one before by
 * {@link AuditChain}. Appends run one at a time, so the chain stays a line: SQLite's store has one
 * connection under a lock in a serializable transaction; PostgreSQL's lock the head row
 * ({@link ControlDialect}), across gateway instances too.
 */
final class AuditTable {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

  private static final String INSERT = """
      INSERT INTO audit (id, at, at_ms, actor, role, action, target, reason, details, tenant, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String SELECT =
      "SELECT id, at_ms, actor, role, action, target, reason, details, tenant FROM audit";
  static final String ROWS = """
      SELECT id, at, at_ms, actor, role, action, target, reason, details, tenant, prev_hash, hash
      FROM audit ORDER BY id""";

  private AuditTable() {}

  static AuditEntry append(SqlSession s, ControlDialect dialect, AuditEntry.Draft d) throws SQLException {
    String json = toJson(d.details());
    Instant at = StoredTime.truncate(d.at());
    Head head = s.query(dialect.auditHeadForAppend, r -> new Head(r.text(1), r.int64(2))).get(0);
    String prevHash = head.hash() == null ? AuditChain.GENESIS : head.hash();
    long id = head.lastId() + 1;
    AuditChain.Row row = new AuditChain.Row(id, StoredTime.text(at), at.toEpochMilli(), d.actor(), d.role(),
        d.action(), d.target(), d.reason(), json, d.tenant());
    s.update(INSERT, row.id(), row.at(), row.atMs(), row.actor(), row.role(), row.action(), row.target(),
        row.reason(), row.details(), row.tenant(), prevHash, AuditChain.hash(prevHash, row));
    // Details are read back from the JSON, so the entry returned equals the one audit() returns.
    return new AuditEntry(id, at, d.actor(), d.role(), d.action(), d.target(), d.reason(), fromJson(json), d.tenant());
  }

  private record Head(String hash, long lastId) {}

  /** Links rows written before the chain existed, oldest first (run by SQLite's schema migration only). */
  static void chainExisting(SqlSession s) throws SQLException {
    String prevHash = AuditChain.GENESIS;
    for (AuditChain.Row row : s.query(ROWS, AuditTable::row)) {
      String hash = AuditChain.hash(prevHash, row);
      s.update("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", prevHash, hash, row.id());
      prevHash = hash;
    }
  }

  /** A row of {@link #ROWS}, as stored. */
  static AuditChain.Row row(SqlRow r) throws SQLException {
    return new AuditChain.Row(r.int64(1), r.text(2), r.int64(3), r.text(4), r.text(5), r.text(6), r.text(7),
        r.text(8), r.text(9), r.text(10));
  }

  static List<AuditEntry> query(SqlSession s, AuditQuery q) throws SQLException {
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
    return s.query(sql, r -> new AuditEntry(r.int64(1), Instant.ofEpochMilli(r.int64(2)), r.text(3), r.text(4),
        r.text(5), r.text(6), r.text(7), fromJson(r.text(8)), r.text(9)), args.toArray());
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
