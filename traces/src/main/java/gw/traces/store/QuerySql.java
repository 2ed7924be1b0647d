package gw.traces.store;

import java.util.ArrayList;
import java.util.List;

/** Turns a {@link TraceQuery} into keyset-paged SQL: newest first, ties broken by trace_id. */
record QuerySql(String sql, List<Object> params) {

  /** Fetches one row more than the page so the store knows whether another page exists. */
  static QuerySql of(TraceQuery q) {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (q.from() != null) {
      clause(where, "ts_ms >= ?", params, q.from().toEpochMilli());
    }
    if (q.to() != null) {
      clause(where, "ts_ms < ?", params, q.to().toEpochMilli());
    }
    if (q.model() != null) {
      clause(where, "(model_requested = ? OR model_served = ?)", params, q.model(), q.model());
    }
    equal(where, "prompt_version", q.promptVersion(), params);
    equal(where, "status", q.status(), params);
    equal(where, "tenant", q.tenant(), params);
    equal(where, "session_id", q.sessionId(), params);
    if (q.cursor() != null) {
      PageCursor after = PageCursor.decode(q.cursor());
      clause(where, "(ts_ms < ? OR (ts_ms = ? AND trace_id < ?))", params,
          after.tsMs(), after.tsMs(), after.traceId());
    }
    params.add(q.limit() + 1);
    String sql = "SELECT ts_ms, trace_id, record FROM traces" + where
        + " ORDER BY ts_ms DESC, trace_id DESC LIMIT ?";
    return new QuerySql(sql, List.copyOf(params));
  }

  private static void equal(StringBuilder where, String column, String value, List<Object> params) {
    if (value != null) {
      clause(where, column + " = ?", params, value);
    }
  }

  private static void clause(StringBuilder where, String condition, List<Object> params, Object... values) {
    where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
    params.addAll(List.of(values));
  }
}
