package gw.mock.client;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Counters of the sample traffic; written from its event loop, read from any thread. */
final class TrafficStats {

  private long sent;
  private long completed;
  private long ok;
  private long skipped;
  private long emptyRetrievals;
  private final Map<String, Long> failedBy = new TreeMap<>();
  private final Map<String, Long> actions = new TreeMap<>();
  private long[] latencies = new long[1024];
  private int latencyCount;

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
    if (latencyCount == latencies.length) {
      latencies = Arrays.copyOf(latencies, latencies.length * 2);
    }
    latencies[latencyCount++] = outcome.latencyMs();
  }

  synchronized TrafficSnapshot snapshot() {
    long[] sorted = Arrays.copyOf(latencies, latencyCount);
    Arrays.sort(sorted);
    return new TrafficSnapshot(sent, completed, ok, failedBy, skipped, emptyRetrievals, actions,
        percentile(sorted, 0.50), percentile(sorted, 0.95));
  }

  // Nearest rank: the smallest latency at or above the given share of the requests.
  private static long percentile(long[] sorted, double share) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(share * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
