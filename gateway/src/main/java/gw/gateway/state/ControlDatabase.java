package gw.gateway.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** Opens {@code control.db} with the settings the store relies on, and brings its schema up to date. */
final class ControlDatabase {
  static final String FILE_NAME = "control.db";
  private static final int BUSY_TIMEOUT_MS = 5_000;

  private ControlDatabase() {}

  static Path prepareFile(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StateStoreException("cannot create data directory " + dataDir + " for " + file + ": " + e
          + "; point the data directory at a writable location", e);
    }
    if (Files.isDirectory(file)) {
      throw new StateStoreException(file + " is a directory, not a database file; remove it or use"
          + " another data directory");
    }
    return file;
  }

  /**
   * WAL lets a sqlite3 session read beside the gateway. FULL syncs every commit: writes are a few
   * per second, and an audit entry or spend flush reported as written must survive a power cut.
   */
  static Connection open(Path file) {
    Connection c = null;
    try {
      c = connect(file);
      ControlSchema.migrate(c, file);
      c.commit();
      return c;
    } catch (SQLException | StateStoreException e) {
      closeQuietly(c);
      if (e instanceof StateStoreException sse) {
        throw sse;
      }
      throw new StateStoreException("cannot open control database " + file + ": " + e.getMessage()
          + "; check that the data directory is writable and that the file is a gw control database", e);
    }
  }

  /** A connection to a file whose schema {@link #open} already checked (a replacement after a failure). */
  static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    c.setAutoCommit(false);
    return c;
  }

  static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing more to release
    }
  }
}
