package gw.gateway.state;

import gw.traces.sql.JdbcSession;
import gw.traces.sql.SqlSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The control state embedded in {@code <dataDir>/control.db} (SQLite): one connection, one
 * operation (one transaction) at a time.
 */
public final class SqliteControlStore extends SqlControlStore {
  private final Path file;
  /** Null after a failed operation discarded it; the next operation opens a new one. */
  private Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong failures = new AtomicLong();
  private boolean closed;

  private SqliteControlStore(Path file, Connection connection) {
    super(ControlDialect.SQLITE);
    this.file = file;
    this.connection = connection;
  }

  /** Opens or creates <dataDir>/control.db (creating dirs); fails fast with StateStoreException naming the file and the fix. */
  public static SqliteControlStore open(Path dataDir) {
    Path file = ControlDatabase.prepareFile(Objects.requireNonNull(dataDir, "dataDir"));
    return new SqliteControlStore(file, ControlDatabase.open(file));
  }

  public Path file() {
    return file;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        ControlDatabase.closeQuietly(connection);
        connection = null;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  <T> T inTransaction(String what, SqlSession.Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("control store " + file + " is closed; cannot " + what);
      }
      try {
        if (connection == null) {
          connection = ControlDatabase.connect(file);
        }
        T result = work.apply(new JdbcSession(connection));
        connection.commit();
        return result;
      } catch (SQLException e) {
        discardConnection(e);
        throw new StateStoreException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        rollback(e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void rollback(Exception cause) {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * After a full disk or an I/O error SQLite rolls the transaction back by itself, and the driver,
   * which still believes one is open, then lets every statement commit alone and fails every commit
   * (sqlite-jdbc issue #683): spend retried after such a "failure" would count twice. Only a new
   * connection is trustworthy.
   */
  private void discardConnection(SQLException cause) {
    failures.incrementAndGet();
    rollback(cause);
    ControlDatabase.closeQuietly(connection);
    connection = null;
  }
}
