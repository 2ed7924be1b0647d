package gw.traces.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** {@link SqlSession} over a JDBC connection (SQLite); the caller owns the connection and its transaction. */
public record JdbcSession(Connection connection) implements SqlSession {
  @Override
  public int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  @Override
  public int batch(String sql, List<Object[]> argLists) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (Object[] args : argLists) {
        bind(ps, args);
        ps.addBatch();
      }
      int changed = 0;
      for (int count : ps.executeBatch()) {
        changed += count > 0 || count == Statement.SUCCESS_NO_INFO ? 1 : 0;
      }
      return changed;
    }
  }

  @Override
  public <T> List<T> query(String sql, RowReader<T> reader, Object... args) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        SqlRow row = new Row(rs);
        while (rs.next()) {
          rows.add(reader.read(row));
        }
      }
      return rows;
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  private record Row(ResultSet rs) implements SqlRow {
    @Override
    public String text(int column) throws SQLException {
      return rs.getString(column);
    }

    @Override
    public long int64(int column) throws SQLException {
      return rs.getLong(column);
    }

    @Override
    public double float64(int column) throws SQLException {
      return rs.getDouble(column);
    }
  }
}
