package gw.traces.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** A few reusable read-only connections; callers beyond that get a fresh one that is closed after use. */
final class ReadConnections implements AutoCloseable {
  private static final int KEPT_IDLE = 4;

  interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private final SqliteConnections connections;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(KEPT_IDLE);
  private volatile boolean closed;

  ReadConnections(SqliteConnections connections) {
    this.connections = connections;
  }

  <T> T read(String what, Work<T> work) {
    if (closed) {
      throw new IllegalStateException("trace store is closed; cannot " + what);
    }
    Connection c = null;
    boolean reusable = false;
    try {
      c = idle.poll();
      if (c == null) {
        c = connections.openReader();
      }
      T result = work.apply(c);
      reusable = true;
      return result;
    } catch (SQLException e) {
      throw new TraceStoreException("cannot " + what + " in " + connections.file() + ": " + e.getMessage(), e);
    } finally {
      release(c, reusable);
    }
  }

  private void release(Connection c, boolean reusable) {
    if (c != null && !(reusable && !closed && idle.offer(c))) {
      closeQuietly(c);
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing more to release
    }
  }
}
