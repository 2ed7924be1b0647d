package gw.traces.store;

import gw.traces.TraceRecord;
import gw.traces.concurrent.LingeringQueue;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The single writer: drains the queue in batches, one transaction each. Under load it looks at the
 * queue every {@link #LINGER} (group commit: one transaction per linger instead of one per trickle
 * of rows, which cuts commits, the writer's largest cost, by an order of magnitude, while a crash
 * still loses well under a second); an idle writer is woken by the next row.
 *
 * <p>A failed batch is either dropped and counted at once (a local disk: what failed now will fail
 * again), or, for a database across the network, held and retried with backoff until it is written:
 * meanwhile new records wait in the bounded queue, and only those the full queue refuses are dropped.
 * Once the store is closing, a batch that fails is dropped with everything still queued.
 */
final class BatchWriter implements Runnable {
  static final Duration LINGER = Duration.ofMillis(20);
  private static final Duration IDLE_CHECK = Duration.ofMillis(200);
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);

  /** What a failed batch becomes. */
  enum OnFailure { DROP, RETRY }

  private final LingeringQueue<TraceRecord> queue;
  private final BatchSink sink;
  private final int maxBatchSize;
  private final OnFailure onFailure;
  private final WriteFailureLog failures;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Object progress = new Object();
  private long processed;
  private volatile boolean stopping;
  private volatile boolean holding;
  private volatile Thread thread;

  BatchWriter(LingeringQueue<TraceRecord> queue, BatchSink sink, int maxBatchSize, OnFailure onFailure,
      String target) {
    this.queue = queue;
    this.sink = sink;
    this.maxBatchSize = maxBatchSize;
    this.onFailure = onFailure;
    this.failures = new WriteFailureLog(target, onFailure == OnFailure.RETRY);
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
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
      sink.close();
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

  /** The writer finishes what is queued, then ends; a batch waiting for a retry is tried once more now. */
  void stop() {
    stopping = true;
    queue.wake();
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * Waits until at least {@code count} records have been taken off the queue and handled, or until
   * the writer holds a batch for a database that does not answer (waiting longer would wait for it).
   */
  void awaitProcessed(long count, Thread writerThread) {
    synchronized (progress) {
      while (processed < count && writerThread.isAlive() && !holding) {
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
    long retryNanos = FIRST_RETRY.toNanos();
    while (true) {
      try {
        stored.addAndGet(sink.write(batch));
        holding = false;
        failures.succeeded();
        return;
      } catch (SQLException | RuntimeException e) {
        failures.failed(batch.size(), e);
        if (onFailure == OnFailure.DROP || stopping) {
          dropped.addAndGet(batch.size());
          holding = false;
          dropRestIfStopping();
          return;
        }
      }
      hold(retryNanos);
      retryNanos = Math.min(retryNanos * 2, MAX_RETRY.toNanos());
    }
  }

  private void hold(long nanos) throws InterruptedException {
    holding = true;
    synchronized (progress) {
      progress.notifyAll(); // a flush waiting for this batch returns
    }
    LockSupport.parkNanos(this, nanos);
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** Closing with the database gone: what is still queued cannot be written either. */
  private void dropRestIfStopping() {
    if (stopping && onFailure == OnFailure.RETRY) {
      int rest = queue.discard();
      dropped.addAndGet(rest);
      markProcessed(rest);
    }
  }
}
