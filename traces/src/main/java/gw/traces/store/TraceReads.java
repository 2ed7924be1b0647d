package gw.traces.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.sql.SqlSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The reads both stores answer with the same SQL: one trace by id, and keyset pages (see {@link QuerySql}). */
final class TraceReads {
  private TraceReads() {}

  static Optional<TraceRecord> findById(SqlSession s, String traceId) throws SQLException {
    return s.query("SELECT record FROM traces WHERE trace_id = ?", row -> parse(row.text(1)), traceId)
        .stream().findFirst();
  }

  static TracePage query(SqlSession s, TraceQuery query) throws SQLException {
    QuerySql sql = QuerySql.of(query);
    List<Row> rows = s.query(sql.sql(), row -> new Row(new PageCursor(row.int64(1), row.text(2)), row.text(3)),
        sql.params().toArray());
    boolean more = rows.size() > query.limit();
    List<Row> page = more ? rows.subList(0, query.limit()) : rows;
    List<TraceRecord> items = new ArrayList<>(page.size());
    for (Row r : page) {
      items.add(parse(r.json()));
    }
    return new TracePage(items, more ? page.get(page.size() - 1).position().encode() : null);
  }

  private record Row(PageCursor position, String json) {}

  private static TraceRecord parse(String json) throws SQLException {
    try {
      return TraceJson.MAPPER.readValue(json, TraceRecord.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored record is not a readable trace: " + e.getOriginalMessage(), e);
    }
  }
}
