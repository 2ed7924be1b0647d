package gw.traces.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs on the writer thread before each batch; tests use it to pause the writer or break the disk. */
interface WriteHook {
  WriteHook NONE = (writer, batchSize) -> {};

  void beforeWrite(Connection writer, int batchSize) throws SQLException, InterruptedException;
}
