package gw.gateway.server;

import gw.traces.sampling.RetentionRules;
import gw.traces.store.TraceRetention;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies trace retention on its own worker thread ({@code gw-retention}): a minute after start,
 * then every {@code retention.check_every_minutes}. A pass still running when the next is due is
 * not doubled. Each pass that changed something logs one line.
 */
final class RetentionSchedule {
  private static final System.Logger LOG = System.getLogger(RetentionSchedule.class.getName());
  private static final long FIRST_RUN_MS = 60_000;

  private RetentionSchedule() {}

  /** Returns the Vert.x timer's id, to cancel on close. */
  static long start(Vertx vertx, TraceRetention retention, RetentionRules rules, Clock clock) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("gw-retention", 1);
    AtomicBoolean running = new AtomicBoolean();
    long every = rules.checkEvery().toMillis();
    return vertx.setPeriodic(Math.min(FIRST_RUN_MS, every), every, id -> {
      if (!running.compareAndSet(false, true)) {
        return;
      }
      worker.executeBlocking(() -> retention.prune(rules, clock.instant(), false))
          .onComplete(ar -> running.set(false))
          .onSuccess(report -> {
            if (report.changedAnything()) {
              LOG.log(System.Logger.Level.INFO, "retention: content dropped " + report.contentDropped()
                  + ", deleted " + report.deleted() + ", deleted for size " + report.deletedForSize() + "; file "
                  + report.bytesBefore() / 1048576 + " -> " + report.bytesAfter() / 1048576 + " MB");
            }
          })
          .onFailure(e -> LOG.log(System.Logger.Level.WARNING, "retention pass failed: " + e.getMessage()));
    });
  }
}
