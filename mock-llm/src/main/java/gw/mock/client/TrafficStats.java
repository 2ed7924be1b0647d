package gw.mock.client;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Counters of the sample traffic; written from its event loop, read from any thread. */
final class TrafficStats {

  private long sent;
  private long completed;
  private long ok;
  private long skipped;
  private long emptyRetrievals;
  private final Map<String, Long> failedBy = new TreeMap<>();
  private final Map<String, Long> actions = new TreeMap<>();
  private final Histogram latencies = new Histogram(3);

  synchronized void sent() {
    sent++;
  }

  synchronized void skipped() {
    skipped++;
  }

  synchronized void completed(Outcome outcome) {
    completed++;
    if (outcome.ok()) {
      ok++;
    } else {
      failedBy.merge(outcome.failure(), 1L, Long::sum);
    }
    if (outcome.emptyRetrieval()) {
      emptyRetrievals++;
    }
    outcome.actions().forEach(action -> actions.merge(action, 1L, Long::sum));
    latencies.recordValue(Math.max(0, outcome.latencyMs()));
  }

  synchronized TrafficSnapshot snapshot() {
    return new TrafficSnapshot(sent, completed, ok, failedBy, skipped, emptyRetrievals, actions,
        percentile(0.50), percentile(0.95));
  }

  private long percentile(double share) {
    return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(share * 100);
  }
}
