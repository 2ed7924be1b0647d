package gw.gateway.metering;

import gw.gateway.chain.Exchange;

/**
 * A finished request's times in ms, split the way the trace and the metrics report them:
 * {@code upstreamMs} is the provider's share (null when no upstream call was made),
 * {@code ttftMs} the time to the first streamed chunk (null for a non-streamed answer), and
 * {@code gatewayNanos} the gateway's own share (everything but the upstream call).
 */
public record Timings(double totalMs, Double upstreamMs, Double ttftMs, long gatewayNanos) {

  public static Timings of(Exchange ex) {
    long upstreamNanos = upstreamNanos(ex);
    return new Timings(
        millis(ex.startNanos(), ex.endNanos()),
        ex.upstreamStartNanos() == 0 ? null : upstreamNanos / 1_000_000d,
        ex.stream() && ex.firstChunkNanos() != 0 ? millis(ex.startNanos(), ex.firstChunkNanos()) : null,
        Math.max(0, ex.endNanos() - ex.startNanos() - upstreamNanos));
  }

  /** The provider's time, 0 when no upstream call was made. */
  public double upstreamOrZeroMs() {
    return upstreamMs == null ? 0 : upstreamMs;
  }

  /** From sending the request to the end of its answer (to the client's end if the upstream never ended). */
  private static long upstreamNanos(Exchange ex) {
    if (ex.upstreamStartNanos() == 0) {
      return 0;
    }
    long end = ex.upstreamEndNanos() != 0 ? ex.upstreamEndNanos() : ex.endNanos();
    return Math.max(0, end - ex.upstreamStartNanos());
  }

  /** 0 when either end is unknown or they are out of order. */
  public static double millis(long fromNanos, long toNanos) {
    if (fromNanos == 0 || toNanos == 0 || toNanos < fromNanos) {
      return 0;
    }
    return (toNanos - fromNanos) / 1_000_000d;
  }
}
