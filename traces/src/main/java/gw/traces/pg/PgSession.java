package gw.traces.pg;

import gw.traces.sql.SqlRow;
import gw.traces.sql.SqlSession;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@link SqlSession} over a vertx-pg-client connection or pool; each statement is awaited by the calling thread. */
record PgSession(PgDatabase database, SqlClient client) implements SqlSession {
  @Override
  public int update(String sql, Object... args) throws SQLException {
    return database.await(() -> client.preparedQuery(Placeholders.numbered(sql)).execute(tuple(args))).rowCount();
  }

  @Override
  public int batch(String sql, List<Object[]> argLists) throws SQLException {
    if (argLists.isEmpty()) {
      return 0;
    }
    List<Tuple> tuples = argLists.stream().map(PgSession::tuple).toList();
    RowSet<Row> result = database.await(() -> client.preparedQuery(Placeholders.numbered(sql)).executeBatch(tuples));
    int changed = 0;
    for (RowSet<Row> r = result; r != null; r = r.next()) {
      changed += r.rowCount() > 0 ? 1 : 0;
    }
    return changed;
  }

  @Override
  public <T> List<T> query(String sql, RowReader<T> reader, Object... args) throws SQLException {
    RowSet<Row> rows = database.await(() -> client.preparedQuery(Placeholders.numbered(sql)).execute(tuple(args)));
    List<T> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(reader.read(new PgRow(row)));
    }
    return out;
  }

  private static Tuple tuple(Object[] args) {
    return Tuple.from(Arrays.asList(args));
  }

  private record PgRow(Row row) implements SqlRow {
    @Override
    public String text(int column) {
      return row.getString(column - 1);
    }

    @Override
    public long int64(int column) {
      Object v = row.getValue(column - 1);
      return v == null ? 0 : ((Number) v).longValue();
    }

    @Override
    public double float64(int column) {
      Object v = row.getValue(column - 1);
      return v == null ? 0 : ((Number) v).doubleValue();
    }
  }
}
