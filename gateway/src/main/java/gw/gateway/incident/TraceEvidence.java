package gw.gateway.incident;

import gw.traces.TraceRecord;
import gw.traces.diagnosis.Diagnoser;
import gw.traces.diagnosis.Diagnosis;
import gw.traces.store.TracePage;
import gw.traces.store.TraceQuery;
import gw.traces.store.TraceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks an incident's example traces from the store (blocking: run on a worker): healthy ones from
 * before the incident and, from during it, those the diagnoser finds unhealthy (any, if none is).
 */
final class TraceEvidence {
  static final int EXAMPLES = 3;
  private static final int SCAN_PAGES = 4;
  private static final Duration BEFORE = Duration.ofMinutes(15);

  private final TraceStore store;
  private final Diagnoser diagnoser = Diagnoser.withDefaults();

  TraceEvidence(TraceStore store) {
    this.store = store;
  }

  /**
   * {@code start}: where the incident's evidence begins (its opening minus the detection window);
   * healthy examples come from the quarter hour before it opened.
   */
  IncidentView.Evidence find(Instant start, Instant opened, Instant end) {
    List<IncidentView.TraceRef> before = pick(opened.minus(BEFORE), opened, true);
    List<IncidentView.TraceRef> during = pick(start, end, false);
    return new IncidentView.Evidence(before, during);
  }

  /** The earliest unhealthy trace in the span: when the fault showed first. */
  Instant onset(Instant start, Instant end) {
    Instant first = null;
    for (TraceRecord r : scan(start, end)) {
      if (!diagnoser.diagnose(r).healthy()) {
        Instant at = Instant.parse(r.timestamp());
        first = first == null || at.isBefore(first) ? at : first;
      }
    }
    return first;
  }

  private List<IncidentView.TraceRef> pick(Instant from, Instant to, boolean healthy) {
    List<IncidentView.TraceRef> wanted = new ArrayList<>();
    List<IncidentView.TraceRef> others = new ArrayList<>();
    for (TraceRecord r : scan(from, to)) {
      if (r.replayOf() != null) {
        continue; // a replay is evidence of the diagnosis, not of the incident
      }
      Diagnosis d = diagnoser.diagnose(r);
      IncidentView.TraceRef ref = new IncidentView.TraceRef(r.traceId(), r.timestamp(), r.status(),
          r.modelServed() != null ? r.modelServed() : r.modelRequested(), r.latencyMs(), d.summary());
      (d.healthy() == healthy ? wanted : others).add(ref);
    }
    List<IncidentView.TraceRef> chosen = new ArrayList<>(wanted.subList(0, Math.min(EXAMPLES, wanted.size())));
    if (!healthy) {
      for (int i = 0; chosen.size() < EXAMPLES && i < others.size(); i++) {
        chosen.add(others.get(i));
      }
    }
    return List.copyOf(chosen);
  }

  /** Newest first, at most {@code SCAN_PAGES} pages. */
  private List<TraceRecord> scan(Instant from, Instant to) {
    List<TraceRecord> found = new ArrayList<>();
    if (!from.isBefore(to)) {
      return found;
    }
    TraceQuery query = TraceQuery.builder().from(from).to(to).limit(TraceQuery.MAX_LIMIT).build();
    for (int page = 0; page < SCAN_PAGES; page++) {
      TracePage p = store.query(query);
      found.addAll(p.items());
      if (p.nextCursor() == null) {
        break;
      }
      query = query.withCursor(p.nextCursor());
    }
    return found;
  }
}
