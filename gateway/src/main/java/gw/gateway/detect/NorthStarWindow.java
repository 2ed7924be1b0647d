package gw.gateway.detect;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The north-star metrics over a sliding window of one-second buckets, fed once per finished request
 * (by the metering thread) and read by the admin API. Counts, cost and failures go to the
 * second a request finished; latencies go to the second it <em>started</em>, so when traffic drops
 * or stops the slowest requests, which finish last, are judged among the traffic they started with
 * instead of filling the newest seconds alone. Percentiles come from log-scale histograms per bucket
 * (about 9% resolution), so the window costs a fixed amount of memory whatever the traffic.
 * Thread-safe.
 */
public final class NorthStarWindow {
  private static final int FIELDS = 8;
  private static final int LATENCY_BINS = 160;
  private static final double BIN_BASE = 1.09; // each bin ~9% wider than the last, 1 ms .. ~15 min

  /** The latency histograms: the seed's end to end, time to first token, a JSON answer's wait. */
  enum Latency { TOTAL, TTFT, JSON_WAIT }

  private final int seconds;
  private final LongSupplier clockMs;
  private final long[] bucketSecond;
  private final long[][] counts; // requests, failures, toolCalls, toolSuccesses, qualityChecked, qualityPassed, tokens, limited
  private final double[] cost;
  private final int[][][] latency; // [bucket][Latency][bin]
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
    this.latency = new int[seconds][Latency.values().length][LATENCY_BINS];
    Arrays.fill(bucketSecond, -1);
  }

  /**
   * One finished request. {@code failed}: a failure of the service (not the client's, not the
   * gateway's own limits); {@code limited}: refused by the gateway's own rate limits, budgets or
   * shedding; {@code qualityPassed} null when there was no answer to judge; {@code ttftMs} only for a
   * streamed answer, {@code jsonWaitMs} only for a successful non-streamed one (null otherwise).
   */
  public record Outcome(long startedAtMs, double latencyMs, Double ttftMs, Double jsonWaitMs, boolean failed,
      boolean limited, int toolCalls, int toolSuccesses, double costUsd, Boolean qualityPassed, long tokens) {}

  public synchronized void record(Outcome o) {
    int i = bucket(clockMs.getAsLong() / 1000);
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
    int started = startBucket(o.startedAtMs() / 1000);
    if (started >= 0) {
      int[][] h = latency[started];
      h[Latency.TOTAL.ordinal()][bin(o.latencyMs())]++;
      if (o.ttftMs() != null) {
        h[Latency.TTFT.ordinal()][bin(o.ttftMs())]++;
      }
      if (o.jsonWaitMs() != null) {
        h[Latency.JSON_WAIT.ordinal()][bin(o.jsonWaitMs())]++;
      }
    }
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
    int[][] bins = new int[Latency.values().length][LATENCY_BINS];
    for (int i = 0; i < seconds; i++) {
      if (bucketSecond[i] >= 0 && now - bucketSecond[i] < span) {
        for (int k = 0; k < FIELDS; k++) {
          sum[k] += counts[i][k];
        }
        costSum += cost[i];
        for (int l = 0; l < bins.length; l++) {
          for (int b = 0; b < LATENCY_BINS; b++) {
            bins[l][b] += latency[i][l][b];
          }
        }
      }
    }
    long requests = sum[0];
    long refused = sum[1] + sum[7];
    return new Snapshot(requests, sum[6], sum[2], sum[4], refused == 0 ? null : (double) sum[7] / refused,
        p95(bins[Latency.TOTAL.ordinal()]), p95(bins[Latency.TTFT.ordinal()]), p95(bins[Latency.JSON_WAIT.ordinal()]),
        requests == 0 ? null : (double) sum[1] / requests,
        sum[2] == 0 ? null : (double) sum[3] / sum[2],
        requests == 0 ? null : costSum / requests,
        sum[4] == 0 ? null : (double) sum[5] / sum[4]);
  }

  /** A percentile and how many observations it rests on; {@code value} null when there are none. */
  public record Percentile(Double value, long samples) {}

  /**
   * {@code toolCalls} and {@code judged}: the denominators of the two success rates;
   * {@code limitedShare}: of the service's failures and the gateway's own refusals, the share refused.
   */
  public record Snapshot(long requests, long tokens, long toolCalls, long judged, Double limitedShare,
      Percentile p95Latency, Percentile p95Ttft, Percentile p95JsonWait, Double failureRate, Double toolSuccessRate,
      Double costPerRequestUsd, Double qualityProxyRate) {
    public Double p95LatencyMs() {
      return p95Latency.value();
    }

    /** How many observations the metric's value rests on. */
    public long basis(String metric) {
      return switch (metric) {
        case "tool_success_rate" -> toolCalls;
        case "quality_proxy_rate" -> judged;
        case "p95_latency_ms" -> p95Latency.samples();
        case "p95_ttft_ms" -> p95Ttft.samples();
        case "p95_json_wait_ms" -> p95JsonWait.samples();
        default -> requests;
      };
    }

    public Double value(String metric) {
      return switch (metric) {
        case "p95_latency_ms" -> p95Latency.value();
        case "p95_ttft_ms" -> p95Ttft.value();
        case "p95_json_wait_ms" -> p95JsonWait.value();
        case "failure_rate" -> failureRate;
        case "tool_success_rate" -> toolSuccessRate;
        case "cost_per_request_usd" -> costPerRequestUsd;
        case "quality_proxy_rate" -> qualityProxyRate;
        default -> throw new IllegalArgumentException("unknown metric " + metric);
      };
    }
  }

  /** The bucket of {@code second}, cleared first if it last held an older second. */
  private int bucket(long second) {
    int i = (int) (second % seconds);
    if (bucketSecond[i] != second) {
      bucketSecond[i] = second;
      Arrays.fill(counts[i], 0);
      cost[i] = 0;
      for (int[] h : latency[i]) {
        Arrays.fill(h, 0);
      }
    }
    return i;
  }

  /** The bucket of the second a request started in; -1 when the window has moved past it. */
  private int startBucket(long second) {
    int i = (int) (Math.floorMod(second, (long) seconds));
    return bucketSecond[i] > second ? -1 : bucket(second);
  }

  static int bin(double ms) {
    if (ms <= 1) {
      return 0;
    }
    return (int) Math.min(LATENCY_BINS - 1, Math.ceil(Math.log(ms) / Math.log(BIN_BASE)));
  }

  private static Percentile p95(int[] bins) {
    long total = 0;
    for (int b : bins) {
      total += b;
    }
    return new Percentile(total == 0 ? null : percentile(bins, total, 0.95), total);
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
