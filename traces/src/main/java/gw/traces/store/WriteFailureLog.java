package gw.traces.store;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reports failed writes without flooding the log while the disk stays broken: one warning when
 * an outage starts (then at most one a minute), one note when writes succeed again. Never logs
 * record content.
 */
final class WriteFailureLog {
  private static final System.Logger LOG = System.getLogger(SqliteTraceStore.class.getName());
  private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Path file;
  private long droppedInOutage;
  private long lastWarningNanos;
  private boolean inOutage;

  WriteFailureLog(Path file) {
    this.file = file;
  }

  void failed(int records, Exception cause) {
    droppedInOutage += records;
    long now = System.nanoTime();
    if (!inOutage || now - lastWarningNanos >= REPEAT_NANOS) {
      LOG.log(Level.WARNING, "trace store dropped " + records + " trace(s): writing to " + file
          + " failed: " + cause + "; traces are dropped and counted until writes succeed"
          + " (check free disk space and write permission)" + (inOutage ? "; " + droppedInOutage
          + " dropped so far in this outage" : ""));
      lastWarningNanos = now;
    }
    inOutage = true;
  }

  void succeeded() {
    if (inOutage) {
      LOG.log(Level.INFO, "trace store writes to " + file + " recovered after dropping "
          + droppedInOutage + " trace(s)");
      inOutage = false;
      droppedInOutage = 0;
    }
  }
}
