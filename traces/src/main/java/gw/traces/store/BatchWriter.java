package gw.traces.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.concurrent.LingeringQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single writer: drains the queue in batches, one transaction each. Under load it looks at the
 * queue every {@link #LINGER} (group commit: one transaction per linger instead of one per trickle
 * of rows, which cuts commits, the writer's largest cost, by an order of magnitude, while a crash
 * still loses well under a second); an idle writer is woken by the next row. A failed batch is
 * dropped and counted, its connection replaced; the loop goes on.
 */
final class BatchWriter implements Runnable {
  static final Duration LINGER = Duration.ofMillis(20);
  private static final Duration IDLE_CHECK = Duration.ofMillis(200);

  private final LingeringQueue<TraceRecord> queue;
  private final SqliteConnections connections;
  private final int maxBatchSize;
  private final WriteHook hook;
  private final WriteFailureLog failures;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Object progress = new Object();
  private long processed;
  private volatile boolean stopping;
  private Connection connection;

  BatchWriter(LingeringQueue<TraceRecord> queue, SqliteConnections connections, Connection connection,
      int maxBatchSize, WriteHook hook) {
    this.queue = queue;
    this.connections = connections;
    this.connection = connection;
    this.maxBatchSize = maxBatchSize;
    this.hook = hook;
    this.failures = new WriteFailureLog(connections.file());
  }

  @Override
  public void run() {
    List<TraceRecord> batch = new ArrayList<>(maxBatchSize);
    try {
      while (!stopping || !queue.isEmpty()) {
        if (queue.take(batch, maxBatchSize, IDLE_CHECK) > 0) {
          write(batch);
          markProcessed(batch.size());
          batch.clear();
        }
      }
    } catch (InterruptedException e) {
      dropped.addAndGet(batch.size() + queue.size());
      Thread.currentThread().interrupt();
    } finally {
      ReadConnections.closeQuietly(connection);
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  long stored() {
    return stored.get();
  }

  long dropped() {
    return dropped.get();
  }

  void countDropped() {
    dropped.incrementAndGet();
  }

  void stop() {
    stopping = true;
  }

  /** Waits until at least {@code count} records have been taken off the queue and handled. */
  void awaitProcessed(long count, Thread writerThread) {
    synchronized (progress) {
      while (processed < count && writerThread.isAlive()) {
        try {
          progress.wait(IDLE_CHECK.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void markProcessed(int count) {
    synchronized (progress) {
      processed += count;
      progress.notifyAll();
    }
  }

  private void write(List<TraceRecord> batch) throws InterruptedException {
    try {
      hook.beforeWrite(writer(), batch.size());
      stored.addAndGet(insert(batch));
      failures.succeeded();
    } catch (SQLException | RuntimeException e) {
      discardConnection();
      dropped.addAndGet(batch.size());
      failures.failed(batch.size(), e);
    }
  }

  /** All rows or none: a batch is one transaction. Returns rows inserted (duplicates are ignored). */
  private int insert(List<TraceRecord> batch) throws SQLException {
    Connection c = writer();
    try (PreparedStatement ps = c.prepareStatement(TraceSchema.INSERT)) {
      for (TraceRecord r : batch) {
        TraceSchema.bind(ps, r, json(r));
        ps.addBatch();
      }
      int inserted = 0;
      for (int count : ps.executeBatch()) {
        inserted += count > 0 || count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
      }
      c.commit();
      return inserted;
    }
  }

  private static String json(TraceRecord r) {
    try {
      return TraceJson.MAPPER.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("trace " + r.traceId() + " cannot be written as JSON: "
          + e.getOriginalMessage(), e);
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
