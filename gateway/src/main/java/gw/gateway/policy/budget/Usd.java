package gw.gateway.policy.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money in whole nano-dollars, so sums and comparisons are exact under any interleaving. */
final class Usd {
  private static final double NANOS_PER_USD = 1e9;

  private Usd() {}

  static long toNanos(double usd) {
    return Math.max(0, Math.round(usd * NANOS_PER_USD));
  }

  static double fromNanos(long nanos) {
    return nanos / NANOS_PER_USD;
  }

  /** At least cents, and up to six decimals for per-request amounts: $5.00, $0.000612. */
  static String format(long nanos) {
    BigDecimal v = BigDecimal.valueOf(nanos, 9).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    return "$" + (v.scale() < 2 ? v.setScale(2) : v).toPlainString();
  }
}
