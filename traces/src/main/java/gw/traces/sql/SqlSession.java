package gw.traces.sql;

import java.sql.SQLException;
import java.util.List;

/**
 * One connection's statements, as the stores' tables issue them to SQLite (JDBC) and PostgreSQL
 * (vertx-pg-client) alike: {@code ?} placeholders, arguments of type String, Integer, Long, Double or
 * null, blocking. Failures of either database arrive as {@link SQLException}.
 */
public interface SqlSession {
  /** Returns the rows changed. */
  int update(String sql, Object... args) throws SQLException;

  /** Runs the statement once per argument list, in order; returns how many of those runs changed a row. */
  int batch(String sql, List<Object[]> argLists) throws SQLException;

  <T> List<T> query(String sql, RowReader<T> reader, Object... args) throws SQLException;

  /** A transaction's work on a session. */
  interface Work<T> {
    T apply(SqlSession session) throws SQLException;
  }

  /** Turns the current row into a value. */
  interface RowReader<T> {
    T read(SqlRow row) throws SQLException;
  }
}
