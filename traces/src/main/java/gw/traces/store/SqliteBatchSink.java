package gw.traces.store;

import gw.traces.TraceRecord;
import gw.traces.sql.JdbcSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Batches into traces.db over the writer's own connection, replaced after a failed batch. */
final class SqliteBatchSink implements BatchSink {
  private final SqliteConnections connections;
  private final WriteHook hook;
  private Connection connection;

  SqliteBatchSink(SqliteConnections connections, Connection connection, WriteHook hook) {
    this.connections = connections;
    this.connection = connection;
    this.hook = hook;
  }

  @Override
  public int write(List<TraceRecord> batch) throws SQLException, InterruptedException {
    try {
      Connection c = writer();
      hook.beforeWrite(c, batch.size());
      int inserted = new JdbcSession(c).batch(TraceSchema.INSERT, TraceSchema.rows(batch));
      c.commit();
      return inserted;
    } catch (SQLException | RuntimeException e) {
      discardConnection();
      throw e;
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      ReadConnections.closeQuietly(connection);
    }
  }

  /** A new connection after a failed batch discarded the last one, so one bad moment does not end all writes. */
  private Connection writer() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = connections.openWriter();
    }
    return connection;
  }

  /**
   * After a full disk or an I/O error SQLite rolls the transaction back by itself, and the driver,
   * which still believes one is open, then lets every statement commit alone and fails every commit
   * (sqlite-jdbc issue #683): only a new connection is trustworthy. The next batch opens it.
   */
  private void discardConnection() {
    if (connection != null) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the rollback may be refused for the reason above; the connection goes anyway
      }
      ReadConnections.closeQuietly(connection);
      connection = null;
    }
  }
}
