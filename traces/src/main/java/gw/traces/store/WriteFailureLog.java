package gw.traces.store;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Reports failed writes without flooding the log while the database stays broken: one warning when
 * an outage starts (then at most one a minute), one note when writes succeed again. Never logs
 * record content.
 */
final class WriteFailureLog {
  private static final System.Logger LOG = System.getLogger(TraceStore.class.getName());
  private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String target;
  private final boolean retried;
  private long droppedInOutage;
  private long lastWarningNanos;
  private boolean inOutage;

  /** {@code target} names the database without secrets; {@code retried}: failed batches are held and retried. */
  WriteFailureLog(String target, boolean retried) {
    this.target = target;
    this.retried = retried;
  }

  void failed(int records, Exception cause) {
    droppedInOutage += retried ? 0 : records;
    long now = System.nanoTime();
    if (!inOutage || now - lastWarningNanos >= REPEAT_NANOS) {
      LOG.log(Level.WARNING, "trace store " + (retried ? "holds " : "dropped ") + records + " trace(s): writing to "
          + target + " failed: " + cause + (retried
              ? "; they are retried with backoff, new traces wait in the queue and only those a full queue refuses"
                  + " are dropped and counted"
              : "; traces are dropped and counted until writes succeed (check free disk space and write permission)"
                  + (inOutage ? "; " + droppedInOutage + " dropped so far in this outage" : "")));
      lastWarningNanos = now;
    }
    inOutage = true;
  }

  void succeeded() {
    if (inOutage) {
      LOG.log(Level.INFO, "trace store writes to " + target + " recovered"
          + (retried ? "; the held traces are written" : " after dropping " + droppedInOutage + " trace(s)"));
      inOutage = false;
      droppedInOutage = 0;
    }
  }
}
