package gw.gateway.policy.budget;

import gw.gateway.outbound.OutageLog;
import gw.gateway.state.ControlStore;
import gw.gateway.state.SpendDelta;
import gw.gateway.state.SpendQuery;
import gw.gateway.state.SpendRow;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;

/**
 * Moves recorded spend into the control store on the ordered control worker, and answers cost
 * reports after writing what is pending, so a report includes every request metered before it.
 */
public final class SpendBook {
  private static final System.Logger LOG = System.getLogger(SpendBook.class.getName());
  private final SpendRecorder recorder;
  private final ControlStore store;
  private final WorkerExecutor ordered;
  /** Touched only on the ordered worker. */
  private final OutageLog outages;

  public SpendBook(SpendRecorder recorder, ControlStore store, WorkerExecutor ordered) {
    this.recorder = recorder;
    this.store = store;
    this.ordered = ordered;
    this.outages = new OutageLog(LOG, "writing spend to " + store.describe());
  }

  public Future<Void> flush() {
    return ordered.executeBlocking(() -> {
      write();
      return null;
    }, true);
  }

  public Future<List<SpendRow>> report(SpendQuery query) {
    return ordered.executeBlocking(() -> {
      write();
      return store.spend(query);
    }, true);
  }

  private void write() {
    List<SpendDelta> deltas = recorder.drain();
    if (deltas.isEmpty()) {
      return;
    }
    try {
      store.addSpend(deltas);
      outages.succeeded();
    } catch (RuntimeException e) {
      recorder.putBack(deltas);
      outages.failed(e.getMessage() + "; the spend is kept in memory and written once the store takes writes"
          + " again (check free disk space)");
      throw e;
    }
  }
}
