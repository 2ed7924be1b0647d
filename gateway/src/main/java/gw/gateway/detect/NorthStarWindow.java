package gw.gateway.detect;

import java.util.function.LongSupplier;

/**
 * The five north-star metrics over a sliding window of one-second buckets, fed once per finished
 * request (by the trace pipeline thread) and read by the admin API. p95 latency comes from a
 * log-scale histogram per bucket (about 9% resolution), so the window costs a fixed amount of memory
 * whatever the traffic. Thread-safe.
 */
public final class NorthStarWindow {
  private static final int FIELDS = 8;
  private static final int LATENCY_BINS = 160;
  private static final double BIN_BASE = 1.09; // each bin ~9% wider than the last, 1 ms .. ~15 min

  private final int seconds;
  private final LongSupplier clockMs;
  private final long[] bucketSecond;
  private final long[][] counts; // requests, failures, toolCalls, toolSuccesses, qualityChecked, qualityPassed, tokens, limited
  private final double[] cost;
  private final int[][] latency;
  private long totalRequests;
  private long totalFailures;
  private long totalQualityFailures;
  private double totalCost;

  public NorthStarWindow(long windowSeconds, LongSupplier clockMs) {
    this.seconds = (int) windowSeconds;
    this.clockMs = clockMs;
    this.bucketSecond = new long[seconds];
    this.counts = new long[seconds][FIELDS];
    this.cost = new double[seconds];
    this.latency = new int[seconds][LATENCY_BINS];
    java.util.Arrays.fill(bucketSecond, -1);
  }

  /**
   * One finished request. {@code limited}: refused by the gateway's own rate limits or budgets;
   * {@code qualityPassed} null when there was no answer to judge.
   */
  public record Outcome(double latencyMs, boolean failed, boolean limited, int toolCalls, int toolSuccesses,
      double costUsd, Boolean qualityPassed, long tokens) {}

  public synchronized void record(Outcome o) {
    int i = bucket();
    long[] c = counts[i];
    c[0]++;
    c[1] += o.failed() ? 1 : 0;
    c[2] += o.toolCalls();
    c[3] += o.toolSuccesses();
    if (o.qualityPassed() != null) {
      c[4]++;
      c[5] += o.qualityPassed() ? 1 : 0;
    }
    c[6] += o.tokens();
    c[7] += o.limited() ? 1 : 0;
    totalRequests++;
    totalFailures += o.failed() ? 1 : 0;
    totalQualityFailures += Boolean.FALSE.equals(o.qualityPassed()) ? 1 : 0;
    totalCost += o.costUsd();
    cost[i] += o.costUsd();
    latency[i][bin(o.latencyMs())]++;
  }

  /** Everything recorded since start: the difference of two readings is the traffic in between. */
  public record Totals(long requests, long failures, long qualityFailures, double costUsd) {}

  public synchronized Totals totals() {
    return new Totals(totalRequests, totalFailures, totalQualityFailures, totalCost);
  }

  /** Values over the whole window; a rate with nothing to count is null. */
  public Snapshot snapshot() {
    return snapshot(seconds);
  }

  /** Values over the last {@code lastSeconds} (at most the window) seconds. */
  public synchronized Snapshot snapshot(long lastSeconds) {
    long span = Math.min(lastSeconds, seconds);
    long now = clockMs.getAsLong() / 1000;
    long[] sum = new long[FIELDS];
    double costSum = 0;
    int[] bins = new int[LATENCY_BINS];
    for (int i = 0; i < seconds; i++) {
      if (bucketSecond[i] >= 0 && now - bucketSecond[i] < span) {
        for (int k = 0; k < FIELDS; k++) {
          sum[k] += counts[i][k];
        }
        costSum += cost[i];
        for (int b = 0; b < LATENCY_BINS; b++) {
          bins[b] += latency[i][b];
        }
      }
    }
    long requests = sum[0];
    return new Snapshot(requests, sum[6], sum[2], sum[4], sum[1] == 0 ? null : (double) sum[7] / sum[1],
        requests == 0 ? null : percentile(bins, requests, 0.95),
        requests == 0 ? null : (double) sum[1] / requests,
        sum[2] == 0 ? null : (double) sum[3] / sum[2],
        requests == 0 ? null : costSum / requests,
        sum[4] == 0 ? null : (double) sum[5] / sum[4]);
  }

  /**
   * {@code toolCalls} and {@code judged}: the denominators of the two success rates;
   * {@code limitedShare}: of the failures, the share the gateway's own limits refused.
   */
  public record Snapshot(long requests, long tokens, long toolCalls, long judged, Double limitedShare, Double p95LatencyMs, Double failureRate, Double toolSuccessRate,
      Double costPerRequestUsd, Double qualityProxyRate) {
    /** How many observations the metric's value rests on. */
    public long basis(String metric) {
      return switch (metric) {
        case "tool_success_rate" -> toolCalls;
        case "quality_proxy_rate" -> judged;
        default -> requests;
      };
    }

    public Double value(String metric) {
      return switch (metric) {
        case "p95_latency_ms" -> p95LatencyMs;
        case "failure_rate" -> failureRate;
        case "tool_success_rate" -> toolSuccessRate;
        case "cost_per_request_usd" -> costPerRequestUsd;
        case "quality_proxy_rate" -> qualityProxyRate;
        default -> throw new IllegalArgumentException("unknown metric " + metric);
      };
    }
  }

  private int bucket() {
    long second = clockMs.getAsLong() / 1000;
    int i = (int) (second % seconds);
    if (bucketSecond[i] != second) {
      bucketSecond[i] = second;
      java.util.Arrays.fill(counts[i], 0);
      cost[i] = 0;
      java.util.Arrays.fill(latency[i], 0);
    }
    return i;
  }

  static int bin(double ms) {
    if (ms <= 1) {
      return 0;
    }
    return (int) Math.min(LATENCY_BINS - 1, Math.ceil(Math.log(ms) / Math.log(BIN_BASE)));
  }

  /** The upper edge of the bin holding the q-th value: never under the true percentile. */
  private static double percentile(int[] bins, long total, double q) {
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int b = 0; b < LATENCY_BINS; b++) {
      seen += bins[b];
      if (seen >= rank) {
        return Math.pow(BIN_BASE, b);
      }
    }
    return Math.pow(BIN_BASE, LATENCY_BINS - 1);
  }
}
