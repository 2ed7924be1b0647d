package gw.gateway.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * Walks the audit log's hash chain in a data directory's {@code control.db}, read-only (the gateway
 * may be running), and names the first broken link: a row changed after it was written, a row
 * deleted, or the newest rows cut off.
 */
public final class AuditChainCheck {
  /** {@code problem} is null when the chain is intact; {@code headHash} is the newest row's hash (null when empty). */
  public record Result(Outcome outcome, long rows, long headId, String headHash, String problem) {}

  /** INTACT, BROKEN (the log was tampered with), or UNREADABLE (nothing could be checked). */
  public enum Outcome { INTACT, BROKEN, UNREADABLE }

  private AuditChainCheck() {}

  public static Result verify(Path dataDir) {
    Path file = dataDir.resolve(ControlDatabase.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return unreadable("no control database at " + file + "; point --data-dir at the gateway's data directory");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
      int version = ControlSchema.userVersion(c);
      if (version < ControlSchema.VERSION) {
        return unreadable(file + " has schema version " + version + ", from before the audit log was hash-chained;"
            + " start the gateway once on this data directory (it chains the log), then verify again");
      }
      return walk(c);
    } catch (SQLException e) {
      return unreadable("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Result walk(Connection c) throws SQLException {
    long rows = 0;
    long prevId = 0;
    String prevHash = AuditChain.GENESIS;
    try (PreparedStatement ps = c.prepareStatement(AuditTable.ROWS); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        AuditChain.Row row = AuditTable.row(rs);
        String storedPrev = rs.getString(11);
        String stored = rs.getString(12);
        if (stored == null || storedPrev == null) {
          return broken(rows, prevId, prevHash, "row " + row.id() + " has no hash: it was written around the gateway");
        }
        if (!storedPrev.equals(prevHash)) {
          return broken(rows, prevId, prevHash, unlinked(row.id(), prevId));
        }
        if (!AuditChain.hash(storedPrev, row).equals(stored)) {
          return broken(rows, prevId, prevHash, "row " + row.id()
              + " was changed after it was written: its columns no longer match its hash");
        }
        rows++;
        prevId = row.id();
        prevHash = stored;
      }
    }
    long issued = highestIssuedId(c);
    if (issued > prevId) {
      return broken(rows, prevId, prevHash, (prevId == 0 ? "every row was" : "the rows after row " + prevId + " were")
          + " deleted: ids up to " + issued + " were issued");
    }
    return new Result(Outcome.INTACT, rows, prevId, rows == 0 ? null : prevHash, null);
  }

  private static String unlinked(long id, long prevId) {
    if (prevId == 0) {
      return "row " + id + " is the oldest row but does not start the chain: the rows before it were deleted";
    }
    String why = id > prevId + 1
        ? (id == prevId + 2 ? "row " + (prevId + 1) + " was" : "rows " + (prevId + 1) + " to " + (id - 1) + " were")
            + " deleted"
        : "row " + prevId + " was rewritten with a new hash, or rows were deleted and renumbered";
    return "row " + id + " does not follow row " + prevId + " (its prev_hash is not row " + prevId + "'s hash): " + why;
  }

  /** AUTOINCREMENT keeps the highest id it issued in sqlite_sequence, which outlives deleted rows. */
  private static long highestIssuedId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = 'audit'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static Result broken(long rows, long headId, String headHash, String problem) {
    return new Result(Outcome.BROKEN, rows, headId, rows == 0 ? null : headHash, problem);
  }

  private static Result unreadable(String problem) {
    return new Result(Outcome.UNREADABLE, 0, 0, null, problem);
  }
}
