package gw.gateway.detect;

/**
 * A rolling baseline of one metric: exponentially weighted mean and variance of its per-minute
 * samples. A sample is anomalous when it lies more than {@code zLimit} deviations from the mean,
 * once {@code warmup} samples have built the baseline. Anomalous samples do not move the baseline,
 * so a sustained spike stays anomalous instead of becoming the new normal. Not thread-safe: one
 * sampler thread.
 */
final class Baseline {
  private final double alpha;
  private final double zLimit;
  private final int warmup;
  private double mean;
  private double variance;
  private int samples;

  Baseline(double alpha, double zLimit, int warmup) {
    this.alpha = alpha;
    this.zLimit = zLimit;
    this.warmup = warmup;
  }

  /** Adds a sample; returns its z-score when it is an anomaly, else null. */
  Double sample(double value) {
    if (samples >= warmup) {
      // A floor on the deviation, so a perfectly flat history does not make every wiggle an anomaly.
      double sd = Math.max(Math.sqrt(variance), Math.abs(mean) * 0.05 + 1e-9);
      double z = (value - mean) / sd;
      if (Math.abs(z) > zLimit) {
        return z;
      }
    }
    if (samples == 0) {
      mean = value;
    } else {
      double diff = value - mean;
      mean += alpha * diff;
      variance = (1 - alpha) * (variance + alpha * diff * diff);
    }
    samples++;
    return null;
  }

  double mean() {
    return mean;
  }
}
