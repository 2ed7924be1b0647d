package gw.bench;

import java.util.Arrays;

/** Durations in nanoseconds, summarised as percentiles in milliseconds. */
public final class Latencies {
  private final int wanted;
  private long[] nanos = new long[1024];
  private int count;

  public Latencies() {
    this(0);
  }

  /** @param wanted how many samples the caller meant to take (shown when fewer were taken) */
  public Latencies(int wanted) {
    this.wanted = wanted;
  }

  public int wanted() {
    return wanted;
  }

  public void add(long durationNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = durationNanos;
  }

  public int count() {
    return count;
  }

  /** The p-th percentile (0..100, nearest rank) in ms; NaN when empty. */
  public double percentileMs(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }
}
