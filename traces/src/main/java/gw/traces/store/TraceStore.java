package gw.traces.store;

import gw.traces.TraceRecord;
import java.util.Optional;

/** A durable home for trace records: writes never block the caller, reads may. */
public interface TraceStore extends AutoCloseable {
  /**
   * Queues a record for writing without blocking. Returns false, and counts the record, when it
   * fails validation ({@link #rejected()}, logged with every violation) or when the queue is full
   * or the store closed ({@link #dropped()}). Never throws.
   */
  boolean offer(TraceRecord record);

  Optional<TraceRecord> findById(String traceId);

  /** Newest first, one page at a time; see {@link TraceQuery}. */
  TracePage query(TraceQuery query);

  /** Records written since this store was opened. */
  long stored();

  /** Valid records lost since open: queue full, store closed, or a failed write. */
  long dropped();

  /** Records refused by offer because they failed validation. */
  long rejected();

  /**
   * Blocks until every record accepted by offer so far has been written or dropped, or is held for
   * a database that does not answer (see {@link #availability()}).
   */
  void flush();

  /** Whether the database answers; an embedded store has nothing to lose touch with and is always up. */
  default Availability availability() {
    return Availability.EMBEDDED;
  }

  /** Flushes, then stops the writer and releases the database. */
  @Override
  void close();
}
