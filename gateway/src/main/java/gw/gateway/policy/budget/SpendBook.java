package gw.gateway.policy.budget;

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

  public SpendBook(SpendRecorder recorder, ControlStore store, WorkerExecutor ordered) {
    this.recorder = recorder;
    this.store = store;
    this.ordered = ordered;
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
    } catch (RuntimeException e) {
      recorder.putBack(deltas);
      LOG.log(System.Logger.Level.ERROR, "spend not written yet, kept for the next try: " + e.getMessage());
      throw e;
    }
  }
}
