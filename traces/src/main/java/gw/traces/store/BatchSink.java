package gw.traces.store;

import gw.traces.TraceRecord;
import java.sql.SQLException;
import java.util.List;

/** Where the writer puts a batch: one transaction, all rows or none. Used by the writer thread only. */
interface BatchSink extends AutoCloseable {
  /** Returns the rows inserted (a trace id already stored is skipped). */
  int write(List<TraceRecord> batch) throws SQLException, InterruptedException;

  @Override
  void close();
}
