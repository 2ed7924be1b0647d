package gw.gateway.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A plain connection to a database file, as any other SQLite client would open it. */
public final class RawSqlite {
  private RawSqlite() {}

  public static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  public static void execute(Path file, String sql) throws SQLException {
    try (Connection c = open(file); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  public static String text(Path file, String sql) throws SQLException {
    try (Connection c = open(file)) {
      return text(c, sql);
    }
  }

  /** The first column of every row, one per line (any database's connection). */
  public static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(out.length() > 0 ? "\n" : "").append(rs.getString(1));
      }
      return out.toString();
    }
  }
}
