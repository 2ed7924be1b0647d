package gw.gateway.replay;

import gw.traces.TraceRecord;
import gw.traces.redact.Redactor;
import gw.traces.store.TraceStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Trace records loaded from outside (the admin import, {@code gw traces import}) carry the action
 * {@value #ACTION}: the gateway adds it on import and never to a request it served, so a stored
 * record without it was made by the gateway itself.
 */
public final class ImportedTraces {
  public static final String ACTION = "imported";

  private ImportedTraces() {}

  public static boolean isImported(TraceRecord r) {
    return r.actions() != null && r.actions().contains(ACTION);
  }

  public static TraceRecord mark(TraceRecord r) {
    if (isImported(r)) {
      return r;
    }
    List<String> actions = new ArrayList<>(r.actions() == null ? List.of() : r.actions());
    actions.add(ACTION);
    return r.toBuilder().actions(actions).build();
  }

  /**
   * Stores each record marked as imported and redacted like every trace the gateway writes (a record
   * made elsewhere may hold anything), then reads them back after a flush (a failed write is
   * only logged by the store's writer, so the file is the proof); blocking. Returns the ids now stored.
   */
  public static Set<String> store(TraceStore store, Redactor redactor, List<TraceRecord> records) {
    for (TraceRecord r : records) {
      TraceRecord marked = redactor.redactRecord(mark(r));
      if (!store.offer(marked)) {
        store.flush(); // the queue was full: let the writer drain it, then try once more
        store.offer(marked);
      }
    }
    store.flush();
    Set<String> stored = new LinkedHashSet<>();
    records.forEach(r -> store.findById(r.traceId()).ifPresent(found -> stored.add(found.traceId())));
    return stored;
  }

  /** Why {@code r} may not be imported by a caller scoped to {@code scope} (null: every tenant), or null. */
  public static String refusal(TraceRecord r, ReplayIdentities known, String scope) {
    if (scope != null && !scope.equals(r.tenant())) {
      return "trace " + r.traceId() + " belongs to tenant '" + r.tenant() + "'; this token may only import into tenant '"
          + scope + "'";
    }
    if (!known.knows(r.tenant())) {
      return "trace " + r.traceId() + " belongs to tenant '" + r.tenant() + "', which has no gateway key; import into"
          + " one of " + known.tenants();
    }
    return null;
  }
}
