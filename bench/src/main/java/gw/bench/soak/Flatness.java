package gw.bench.soak;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Whether a sampled quantity stayed flat: the median of the last quarter of the samples against the
 * median of the first quarter (samples from the warm-up left out by the caller). Flat means it grew
 * by no more than {@code relative} of its start plus {@code absolute}: room for noise, not for a
 * leak that keeps growing.
 */
record Flatness(String name, String unit, double first, double last, double allowedGrowth) {

  static <T> Flatness of(String name, String unit, List<T> samples, ToDoubleFunction<T> value, double relative,
      double absolute) {
    int quarter = Math.max(1, samples.size() / 4);
    double first = median(samples.subList(0, quarter), value);
    double last = median(samples.subList(samples.size() - quarter, samples.size()), value);
    return new Flatness(name, unit, first, last, first * relative + absolute);
  }

  boolean flat() {
    return last - first <= allowedGrowth;
  }

  String line() {
    return String.format(Locale.ROOT, "%-16s first quarter %8.1f %s, last quarter %8.1f %s (%+.1f; allowed +%.1f): %s",
        name, first, unit, last, unit, last - first, allowedGrowth, flat() ? "flat" : "GROWING");
  }

  private static <T> double median(List<T> samples, ToDoubleFunction<T> value) {
    double[] v = samples.stream().mapToDouble(value).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
