package gw.traces.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.sampling.RetentionRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link RetentionRules} to a trace file: deletes records past their environment's warm
 * period, drops the content fields of records past the hot period, then deletes the oldest records
 * while the file is above the size cap, and gives the freed pages back to the file system. Works in
 * small transactions on its own connection, so the store's writer waits milliseconds at most.
 * Blocking: run it on a worker or from the CLI, never on an event loop.
 */
public final class TraceRetention {
  private static final int CHUNK = 2_000;
  private static final int VACUUM_PAGES = 4_096;

  private final SqliteConnections connections;

  private TraceRetention(SqliteConnections connections) {
    this.connections = connections;
  }

  /** For the trace file of an open store (the gateway's own schedule). */
  public static TraceRetention of(SqliteTraceStore store) {
    return new TraceRetention(new SqliteConnections(store.file()));
  }

  /** For a trace file no store has open here (the CLI); creates nothing. */
  public static TraceRetention ofFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TraceStoreException("no trace database at " + file);
    }
    return new TraceRetention(new SqliteConnections(file));
  }

  /** What one pass did, or would do with {@code dryRun}. */
  public record Report(boolean dryRun, Map<String, Long> contentDropped, Map<String, Long> deleted,
      long deletedForSize, long bytesBefore, long bytesAfter) {
    public boolean changedAnything() {
      return total(contentDropped) + total(deleted) + deletedForSize > 0;
    }

    private static long total(Map<String, Long> counts) {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public Report prune(RetentionRules rules, Instant now, boolean dryRun) {
    try (Connection c = connections.openWriter()) {
      long before = fileBytes(c);
      Map<String, Long> deleted = new LinkedHashMap<>();
      Map<String, Long> dropped = new LinkedHashMap<>();
      for (Map.Entry<String, RetentionRules.Retention> e : rules.environments().entrySet()) {
        long warmCutoff = now.minus(e.getValue().warm()).toEpochMilli();
        long hotCutoff = now.minus(e.getValue().hot()).toEpochMilli();
        deleted.put(e.getKey(), dryRun ? count(c, e.getKey(), warmCutoff) : deleteOlder(c, e.getKey(), warmCutoff));
        dropped.put(e.getKey(), dryRun ? countWithContent(c, e.getKey(), warmCutoff, hotCutoff)
            : dropContent(c, e.getKey(), hotCutoff));
      }
      long forSize = 0;
      if (!dryRun) {
        vacuum(c);
        forSize = rules.maxDbBytes() > 0 ? capSize(c, rules.maxDbBytes()) : 0;
      } else if (rules.maxDbBytes() > 0) {
        forSize = rowsAboveCap(c, rules.maxDbBytes());
      }
      return new Report(dryRun, dropped, deleted, forSize, before, dryRun ? before : fileBytes(c));
    } catch (SQLException e) {
      throw new TraceStoreException("retention on " + connections.file() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Rewrites the whole file with incremental auto-vacuum on (files made before schema v3 have it off,
   * so pruning alone frees pages inside the file but does not shrink it). Takes as long as copying the
   * file and blocks the writer meanwhile: for the CLI, with the gateway stopped.
   */
  public void convertAndVacuum() {
    try (Connection c = connections.openWriter()) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA auto_vacuum = INCREMENTAL");
        s.execute("VACUUM");
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    } catch (SQLException e) {
      throw new TraceStoreException("VACUUM of " + connections.file() + " failed: " + e.getMessage(), e);
    }
  }

  private static long deleteOlder(Connection c, String environment, long cutoff) throws SQLException {
    long total = 0;
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM traces WHERE rowid IN (SELECT rowid FROM traces"
        + " WHERE ts_ms < ? AND environment = ? ORDER BY ts_ms LIMIT " + CHUNK + ")")) {
      int n;
      do {
        ps.setLong(1, cutoff);
        ps.setString(2, environment);
        n = ps.executeUpdate();
        c.commit();
        total += n;
      } while (n > 0);
    }
    return total;
  }

  /**
   * Records that passed the hot period since the last pass (the environment's mark in
   * {@code retention_marks}) lose their content, in chunks walked by (ts_ms, trace_id); then the mark
   * moves to the cutoff, so each record is rewritten once, whatever the size of the warm window.
   */
  private static long dropContent(Connection c, String environment, long hotCutoff) throws SQLException {
    long mark = mark(c, environment);
    if (mark >= hotCutoff) {
      return 0;
    }
    long total = 0;
    long afterTs = mark - 1;
    String afterId = "";
    while (true) {
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT rowid, ts_ms, trace_id, record FROM traces"
          + " WHERE (ts_ms > ? OR (ts_ms = ? AND trace_id > ?)) AND ts_ms < ? AND environment = ?"
          + " ORDER BY ts_ms, trace_id LIMIT " + CHUNK)) {
        ps.setLong(1, afterTs);
        ps.setLong(2, afterTs);
        ps.setString(3, afterId);
        ps.setLong(4, hotCutoff);
        ps.setString(5, environment);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)});
          }
        }
      }
      if (rows.isEmpty()) {
        break;
      }
      try (PreparedStatement update = c.prepareStatement("UPDATE traces SET record = ? WHERE rowid = ?")) {
        for (Object[] row : rows) {
          String before = (String) row[3];
          String after = withoutContent(before);
          if (!after.equals(before)) {
            update.setString(1, after);
            update.setLong(2, (Long) row[0]);
            update.addBatch();
            total++;
          }
        }
        update.executeBatch();
      }
      c.commit();
      Object[] last = rows.get(rows.size() - 1);
      afterTs = (Long) last[1];
      afterId = (String) last[2];
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO retention_marks (environment, content_dropped_before_ms)"
        + " VALUES (?, ?) ON CONFLICT (environment) DO UPDATE SET content_dropped_before_ms = excluded.content_dropped_before_ms")) {
      ps.setString(1, environment);
      ps.setLong(2, hotCutoff);
      ps.executeUpdate();
    }
    c.commit();
    return total;
  }

  /** Up to when this environment's records have lost their content already. */
  private static long mark(Connection c, String environment) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT content_dropped_before_ms FROM retention_marks WHERE environment = ?")) {
      ps.setString(1, environment);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : Long.MIN_VALUE + 1;
      }
    }
  }

  /** The record with every field that holds what users or documents said removed; the rest stays. */
  static String withoutContent(String json) {
    try {
      TraceRecord r = TraceJson.MAPPER.readValue(json, TraceRecord.class);
      List<TraceRecord.RetrievedDoc> docs = r.retrievedDocs() == null ? null : r.retrievedDocs().stream()
          .map(d -> new TraceRecord.RetrievedDoc(d.source(), d.relevanceScore(), null)).toList();
      List<TraceRecord.ToolCall> tools = r.toolCalls() == null ? null : r.toolCalls().stream()
          .map(t -> new TraceRecord.ToolCall(t.toolName(), null, null, t.latencyMs(), t.success(), t.error())).toList();
      return TraceJson.MAPPER.writeValueAsString(r.toBuilder().inputText(null).outputText(null).request(null)
          .retrievalQuery(null).retrievedDocs(docs).toolCalls(tools).build());
    } catch (JsonProcessingException e) {
      throw new TraceStoreException("a stored record could not be rewritten: " + e.getOriginalMessage(), e);
    }
  }

  private static long count(Connection c, String environment, long cutoff) throws SQLException {
    return single(c, "SELECT COUNT(*) FROM traces WHERE ts_ms < ? AND environment = ?", cutoff, environment);
  }

  /** Records a pass would rewrite: past the hot cutoff, not yet past the mark, not about to be deleted. */
  private static long countWithContent(Connection c, String environment, long warmCutoff, long hotCutoff)
      throws SQLException {
    return single(c, "SELECT COUNT(*) FROM traces WHERE ts_ms >= ? AND ts_ms < ? AND environment = ?",
        Math.max(warmCutoff, mark(c, environment)), hotCutoff, environment);
  }

  /** Deletes the oldest rows, a chunk at a time, until the file's used pages fit under the cap. */
  private static long capSize(Connection c, long maxBytes) throws SQLException {
    long total = 0;
    long over;
    while ((over = rowsAboveCap(c, maxBytes)) > 0) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM traces WHERE rowid IN (SELECT rowid FROM traces"
          + " ORDER BY ts_ms LIMIT ?)")) {
        ps.setLong(1, Math.min(over, CHUNK));
        int n = ps.executeUpdate();
        c.commit();
        total += n;
        if (n == 0) {
          break;
        }
      }
      vacuum(c);
    }
    return total;
  }

  /** Oldest rows to delete so the pages in use fit under the cap, at the file's average row size. */
  private static long rowsAboveCap(Connection c, long maxBytes) throws SQLException {
    long pageSize = single(c, "PRAGMA page_size");
    long used = (single(c, "PRAGMA page_count") - single(c, "PRAGMA freelist_count")) * pageSize;
    long rows = single(c, "SELECT COUNT(*) FROM traces");
    if (used <= maxBytes || rows == 0) {
      return 0;
    }
    double perRow = (double) used / rows;
    return Math.min(rows, (long) Math.ceil((used - maxBytes) / perRow));
  }

  /** Gives free pages back (files with incremental auto-vacuum) and truncates the WAL. */
  private static void vacuum(Connection c) throws SQLException {
    if (single(c, "PRAGMA auto_vacuum") == 2) {
      while (single(c, "PRAGMA freelist_count") > 0) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA incremental_vacuum(" + VACUUM_PAGES + ")");
        }
        c.commit();
      }
    }
    c.commit();
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } finally {
      c.setAutoCommit(false);
    }
  }

  private static long fileBytes(Connection c) throws SQLException {
    return single(c, "PRAGMA page_count") * single(c, "PRAGMA page_size");
  }

  private static long single(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
