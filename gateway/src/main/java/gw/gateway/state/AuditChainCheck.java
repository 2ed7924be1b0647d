package gw.gateway.state;

import gw.traces.pg.PgDatabase;
import gw.traces.pg.StoreUrl;
import gw.traces.sql.JdbcSession;
import gw.traces.sql.SqlSession;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * Walks the audit log's hash chain, read-only (the gateway may be running), in a data directory's
 * {@code control.db} or in a PostgreSQL store, and names the first broken link: a row changed after
 * it was written, a row deleted, or the newest rows cut off.
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
      c.setAutoCommit(false); // one read transaction: the rows and the highest id from the same moment
      return walk(new JdbcSession(c), ControlDialect.SQLITE);
    } catch (SQLException e) {
      return unreadable("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Verifies a PostgreSQL control store in one read-only snapshot, changing nothing (no migration either). */
  public static Result verify(Vertx vertx, StoreUrl url) {
    try (PgDatabase database = PgDatabase.connect(vertx, url, PgControlStore.SCHEMA, 1)) {
      return database.inTransaction(s -> {
        s.update("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        long tables = s.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?"
            + " AND table_name = 'audit'", r -> r.int64(1), PgControlStore.SCHEMA).get(0);
        if (tables == 0) {
          return unreadable("no " + PgControlStore.SCHEMA + ".audit table in " + url.describe()
              + "; start the gateway once with this --store-url (it creates the tables), then verify again");
        }
        return walk(s, ControlDialect.POSTGRES);
      });
    } catch (SQLException e) {
      return unreadable("cannot read " + url.describe() + ": " + e.getMessage());
    }
  }

  private static Result walk(SqlSession s, ControlDialect dialect) throws SQLException {
    long rows = 0;
    long prevId = 0;
    String prevHash = AuditChain.GENESIS;
    for (Stored stored : s.query(AuditTable.ROWS, r -> new Stored(AuditTable.row(r), r.text(11), r.text(12)))) {
      AuditChain.Row row = stored.row();
      if (stored.hash() == null || stored.prevHash() == null) {
        return broken(rows, prevId, prevHash, "row " + row.id() + " has no hash: it was written around the gateway");
      }
      if (!stored.prevHash().equals(prevHash)) {
        return broken(rows, prevId, prevHash, unlinked(row.id(), prevId));
      }
      if (!AuditChain.hash(stored.prevHash(), row).equals(stored.hash())) {
        return broken(rows, prevId, prevHash, "row " + row.id()
            + " was changed after it was written: its columns no longer match its hash");
      }
      rows++;
      prevId = row.id();
      prevHash = stored.hash();
    }
    List<Long> issued = s.query(dialect.highestIssuedId, r -> r.int64(1));
    long highest = issued.isEmpty() ? 0 : issued.get(0);
    if (highest > prevId) {
      return broken(rows, prevId, prevHash, (prevId == 0 ? "every row was" : "the rows after row " + prevId + " were")
          + " deleted: ids up to " + highest + " were issued");
    }
    return new Result(Outcome.INTACT, rows, prevId, rows == 0 ? null : prevHash, null);
  }

  private record Stored(AuditChain.Row row, String prevHash, String hash) {}

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

  private static Result broken(long rows, long headId, String headHash, String problem) {
    return new Result(Outcome.BROKEN, rows, headId, rows == 0 ? null : headHash, problem);
  }

  private static Result unreadable(String problem) {
    return new Result(Outcome.UNREADABLE, 0, 0, null, problem);
  }
}
