package gw.gateway.incident;

import gw.gateway.replay.ImportedTraces;
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
import java.util.function.Predicate;

/**
 * Picks an incident's example traces from the store (blocking: run on a worker): healthy ones from
 * before the incident and, from during it, those that show the class's fault ({@link FaultSigns}:
 * only these are marked {@code shows_fault}), then those the diagnoser finds unhealthy, then any.
 */
final class TraceEvidence {
  static final int EXAMPLES = 3;
  private static final int SCAN_PAGES = 2;
  private static final Duration BEFORE = Duration.ofMinutes(15);
  private static final Duration ONSET_BURST = Duration.ofSeconds(5);

  private static final List<String> MITIGATIONS = List.of("retrieval_outage/", "performance_degradation/",
      "cost_spike/", "quality_degradation/", "data_incident/");
  private final TraceStore store;
  private final FaultSigns signs;
  private final Diagnoser diagnoser;

  TraceEvidence(TraceStore store, FaultSigns signs, Diagnoser diagnoser) {
    this.store = store;
    this.signs = signs;
    this.diagnoser = diagnoser;
  }

  /**
   * {@code start}: where the incident's evidence begins (its opening minus the detection window);
   * healthy examples come from the quarter hour before it opened.
   */
  IncidentView.Evidence find(IncidentClass c, Instant start, Instant opened, Instant end) {
    List<IncidentView.TraceRef> before = pick(opened.minus(BEFORE), opened, r -> false, true);
    List<IncidentView.TraceRef> during = pick(start, end, r -> signs.shows(c, r), false);
    return new IncidentView.Evidence(before, during);
  }

  /**
   * When the fault began: the first trace showing the class's fault that two more follow within
   * {@link #ONSET_BURST}, so a stray failure from before the incident does not count.
   */
  Instant onset(IncidentClass c, Instant start, Instant end) {
    List<Instant> faults = new ArrayList<>();
    for (TraceRecord r : scan(start, end)) {
      if (r.replayOf() == null && signs.shows(c, r)) {
        faults.add(Instant.parse(r.timestamp()));
      }
    }
    faults.sort(null);
    for (int i = 0; i + 2 < faults.size(); i++) {
      if (!faults.get(i + 2).isAfter(faults.get(i).plus(ONSET_BURST))) {
        return faults.get(i);
      }
    }
    return faults.isEmpty() ? null : faults.get(0);
  }

  /**
   * Up to {@link #EXAMPLES} traces, best first: those showing the fault before any breaker acted on
   * them, then those showing it, then those whose diagnosis is {@code healthy} as asked, then (for
   * examples of a fault) any.
   */
  private List<IncidentView.TraceRef> pick(Instant from, Instant to, Predicate<TraceRecord> showsFault,
      boolean healthy) {
    List<List<IncidentView.TraceRef>> ranked = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>());
    for (TraceRecord r : scan(from, to)) {
      if (r.replayOf() != null) {
        continue; // a replay is evidence of the diagnosis, not of the incident
      }
      Diagnosis d = diagnoser.diagnose(r);
      boolean fault = showsFault.test(r);
      IncidentView.TraceRef ref = new IncidentView.TraceRef(r.traceId(), r.timestamp(), r.status(),
          r.modelServed() != null ? r.modelServed() : r.modelRequested(), r.latencyMs(), d.summary(), fault, r.tenant());
      int rank = fault ? (mitigated(r) ? 1 : 0) : d.healthy() == healthy ? 2 : 3;
      ranked.get(rank).add(ref);
    }
    List<IncidentView.TraceRef> chosen = new ArrayList<>();
    for (int rank = 0; rank < (healthy ? 3 : 4); rank++) {
      for (IncidentView.TraceRef ref : ranked.get(rank)) {
        if (chosen.size() < EXAMPLES) {
          chosen.add(ref);
        }
      }
    }
    return List.copyOf(chosen);
  }

  /** Newest first, at most {@code SCAN_PAGES} pages. */
  private static boolean mitigated(TraceRecord r) {
    return r.actions() != null && r.actions().stream().anyMatch(a -> MITIGATIONS.stream().anyMatch(a::startsWith));
  }

  private List<TraceRecord> scan(Instant from, Instant to) {
    List<TraceRecord> found = new ArrayList<>();
    if (!from.isBefore(to)) {
      return found;
    }
    TraceQuery query = TraceQuery.builder().from(from).to(to).limit(TraceQuery.MAX_LIMIT).build();
    for (int page = 0; page < SCAN_PAGES; page++) {
      TracePage p = store.query(query);
      // Imported records are not what the gateway saw.
      p.items().stream().filter(r -> !ImportedTraces.isImported(r)).forEach(found::add);
      if (p.nextCursor() == null) {
        break;
      }
      query = query.withCursor(p.nextCursor());
    }
    return found;
  }
}
