package gw.mock.client;

import java.util.Map;

/**
 * What the sample traffic has done so far.
 *
 * @param sent             requests started
 * @param completed        requests that ended, whatever the outcome
 * @param ok               complete 2xx answers
 * @param failedBy         failures by HTTP status ({@code "429"}), {@code connection_error} or
 *                         {@code stream_incomplete}
 * @param skipped          requests not started because too many were already in flight
 * @param emptyRetrievals  requests whose retrieval gave no documents
 * @param actions          how often the gateway named each {@code x-gateway-action}
 * @param p50Ms            median latency of completed requests (retrieval plus answer), 0 before any
 * @param p95Ms            95th percentile of the same
 */
public record TrafficSnapshot(long sent, long completed, long ok, Map<String, Long> failedBy, long skipped,
                              long emptyRetrievals, Map<String, Long> actions, long p50Ms, long p95Ms) {

  public TrafficSnapshot {
    failedBy = Map.copyOf(failedBy);
    actions = Map.copyOf(actions);
  }

  public long failed() {
    return failedBy.values().stream().mapToLong(Long::longValue).sum();
  }

  public long inFlight() {
    return sent - completed;
  }
}
