package gw.traces.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens connections to one database file with the settings the store relies on. */
final class SqliteConnections {
  private static final int BUSY_TIMEOUT_MS = 5_000;
  /** 80 MiB of WAL between checkpoints, so a hot index page is copied back once, not per batch. */
  private static final int WAL_CHECKPOINT_PAGES = 10_000;

  private final Path file;

  SqliteConnections(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /**
   * WAL lets readers run beside the writer; NORMAL syncs at checkpoints, which WAL makes crash-safe.
   * Pages of 8 KiB hold a whole trace row (3–4 KiB of JSON) without overflow pages (applies to a
   * new file only), and a 64 MiB page cache keeps the indexes' hot pages, notably the random
   * trace-id key, in memory as the table grows.
   */
  Connection openWriter() throws SQLException {
    initializeIfNew();
    SQLiteConfig config = new SQLiteConfig();
    config.setPageSize(8192);
    config.setCacheSize(-64 * 1024);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    Connection c = DriverManager.getConnection(url(), config.toProperties());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
    }
    c.setAutoCommit(false);
    return c;
  }

  /**
   * A new file gets incremental auto-vacuum, so retention can give freed pages back. SQLite takes
   * it only before the file's header is first written, which switching to WAL does: hence its own
   * connection, ahead of the writer's settings.
   */
  private void initializeIfNew() throws SQLException {
    try {
      if (Files.exists(file) && Files.size(file) > 0) {
        return;
      }
    } catch (IOException e) {
      throw new SQLException("cannot read the size of " + file + ": " + e.getMessage(), e);
    }
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("PRAGMA auto_vacuum = INCREMENTAL");
      s.execute("PRAGMA page_size = 8192");
      s.execute("PRAGMA journal_mode = WAL");
    }
  }

  Connection openReader() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return DriverManager.getConnection(url(), config.toProperties());
  }

  private String url() {
    return "jdbc:sqlite:" + file;
  }
}
