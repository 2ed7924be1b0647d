package gw.traces.sql;

import java.sql.SQLException;

/** A result row; columns count from 1, as in JDBC. A NULL number reads as 0. */
public interface SqlRow {
  String text(int column) throws SQLException;

  long int64(int column) throws SQLException;

  double float64(int column) throws SQLException;
}
