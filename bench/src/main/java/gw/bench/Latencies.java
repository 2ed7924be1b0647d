package gw.bench;

import org.HdrHistogram.Histogram;

/** Durations in nanoseconds, summarised as percentiles in milliseconds (HdrHistogram, 3 significant digits). */
public final class Latencies {
  private final int wanted;
  private final Histogram nanos = new Histogram(3);

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
    nanos.recordValue(Math.max(0, durationNanos));
  }

  public int count() {
    return (int) nanos.getTotalCount();
  }

  /** The p-th percentile (0..100) in ms; NaN when empty. */
  public double percentileMs(double p) {
    return count() == 0 ? Double.NaN : nanos.getValueAtPercentile(p) / 1e6;
  }
}
