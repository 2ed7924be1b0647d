package gw.traces.store;

import gw.traces.TraceRecord;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link TraceQuery} into keyset-paged SQL: newest first, ties broken by trace_id. */
record QuerySql(String sql, List<Object> params) {
  private static final String COLUMNS = "SELECT ts_ms, trace_id, record FROM traces";
  private static final String ORDER = " ORDER BY ts_ms DESC, trace_id DESC LIMIT ?";

  /** Fetches one row more than the page so the store knows whether another page exists. */
  static QuerySql of(TraceQuery q) {
    Where where = new Where();
    if (q.from() != null) {
      where.add("ts_ms >= ?", q.from().toEpochMilli());
    }
    if (q.to() != null) {
      where.add("ts_ms < ?", q.to().toEpochMilli());
    }
    where.equal("prompt_version", q.promptVersion());
    where.equal("status", q.status());
    if (q.status() != null && !q.status().equals(TraceRecord.STATUS_OK)) {
      where.add(TraceSchema.NOT_OK); // lets SQLite use the partial status index
    }
    where.equal("tenant", q.tenant());
    where.equal("session_id", q.sessionId());
    if (q.cursor() != null) {
      PageCursor after = PageCursor.decode(q.cursor());
      where.add("(ts_ms < ? OR (ts_ms = ? AND trace_id < ?))", after.tsMs(), after.tsMs(), after.traceId());
    }
    int fetch = q.limit() + 1;
    if (q.model() == null) {
      List<Object> params = new ArrayList<>(where.params);
      params.add(fetch);
      return new QuerySql(COLUMNS + where.sql() + ORDER, List.copyOf(params));
    }
    return byModel(where, q.model(), fetch);
  }

  /**
   * "Requested or served" as two index-ordered scans, each stopped after one page, merged: an OR
   * across two columns would read every matching row before sorting.
   */
  private static QuerySql byModel(Where where, String model, int fetch) {
    Where requested = where.copy().equalTo("model_requested", model);
    Where servedOnly = where.copy().equalTo("model_served", model).add("model_requested IS DISTINCT FROM ?", model);
    List<Object> params = new ArrayList<>(requested.params);
    params.add(fetch);
    params.addAll(servedOnly.params);
    params.add(fetch);
    params.add(fetch);
    String sql = "SELECT * FROM (" + COLUMNS + requested.sql() + ORDER + ") AS requested"
        + " UNION ALL SELECT * FROM (" + COLUMNS + servedOnly.sql() + ORDER + ") AS served_only"
        + ORDER;
    return new QuerySql(sql, List.copyOf(params));
  }

  private static final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    Where add(String condition, Object... values) {
      conditions.add(condition);
      params.addAll(List.of(values));
      return this;
    }

    Where equalTo(String column, Object value) {
      return add(column + " = ?", value);
    }

    void equal(String column, String value) {
      if (value != null) {
        equalTo(column, value);
      }
    }

    Where copy() {
      Where c = new Where();
      c.conditions.addAll(conditions);
      c.params.addAll(params);
      return c;
    }

    String sql() {
      return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
  }
}
