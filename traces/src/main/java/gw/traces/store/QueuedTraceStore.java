package gw.traces.store;

import gw.traces.InvalidTraceException;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import gw.traces.concurrent.LingeringQueue;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write side both stores share: {@link #offer} only validates and enqueues, so it is safe on an
 * event loop; one writer thread ({@link BatchWriter}) does all database work.
 */
abstract class QueuedTraceStore implements TraceStore {
  private static final System.Logger LOG = System.getLogger(TraceStore.class.getName());
  private static final long CLOSE_WAIT_MS = 30_000;

  private final LingeringQueue<TraceRecord> queue;
  private final BatchWriter writer;
  private final Thread writerThread;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean closed;

  QueuedTraceStore(StoreOptions options, BatchSink sink, BatchWriter.OnFailure onFailure, String target) {
    this.queue = new LingeringQueue<>(options.queueCapacity(), BatchWriter.LINGER);
    this.writer = new BatchWriter(queue, sink, options.maxBatchSize(), onFailure, target);
    this.writerThread = new Thread(writer, "trace-store-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  /** Releases what the reads use, once the writer has ended. */
  abstract void closeReads();

  @Override
  public final boolean offer(TraceRecord record) {
    List<String> violations = TraceValidator.violations(record);
    if (!violations.isEmpty()) {
      rejected.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING,
          InvalidTraceException.describe(record == null ? null : record.traceId(), violations));
      return false;
    }
    if (closed || !queue.offer(record)) {
      writer.countDropped();
      return false;
    }
    accepted.incrementAndGet();
    return true;
  }

  @Override
  public final long stored() {
    return writer.stored();
  }

  @Override
  public final long dropped() {
    return writer.dropped();
  }

  @Override
  public final long rejected() {
    return rejected.get();
  }

  @Override
  public final void flush() {
    writer.awaitProcessed(accepted.get(), writerThread);
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    flush();
    writer.stop();
    try {
      writerThread.join(CLOSE_WAIT_MS);
      if (writerThread.isAlive()) {
        writerThread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeReads();
    }
  }
}
