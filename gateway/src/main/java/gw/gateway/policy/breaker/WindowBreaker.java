package gw.gateway.policy.breaker;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The automatic part of a breaker that trips on the share of bad outcomes in a sliding window
 * (counted in {@value #BUCKETS} time buckets), stays open for a while, then lets one probe at a
 * time through: a good probe closes it, a bad one re-opens it. Thread-safe: every event loop and the
 * metering thread share one instance; each call holds the lock for a few field updates only.
 */
public final class WindowBreaker implements Trigger {
  static final int BUCKETS = 10;

  /**
   * @param windowMs length of the sliding window
   * @param minRequests outcomes needed in the window before it may trip
   * @param tripRatio share of bad outcomes (0..1] that trips it
   * @param openMs how long it stays open before the first probe
   */
  public record Settings(long windowMs, int minRequests, double tripRatio, long openMs) {}

  private final Settings settings;
  private final LongSupplier clockMs;
  private final long bucketMs;
  private final long[] bucketStart = new long[BUCKETS];
  private final int[] total = new int[BUCKETS];
  private final int[] bad = new int[BUCKETS];
  private BreakerState state = BreakerState.CLOSED;
  private long openedAtMs;
  private boolean probeOut;
  private String reason;
  private long trips;
  private Instant lastTripAt;

  private volatile Consumer<String> onTrip = why -> { };

  public WindowBreaker(Settings settings, LongSupplier clockMs) {
    this.settings = settings;
    this.clockMs = clockMs;
    this.bucketMs = Math.max(1, settings.windowMs() / BUCKETS);
  }

  /** Decides for one request; a {@link Verdict#PROBE} must be answered with {@link #probeResult}. */
  public synchronized Verdict admit() {
    if (state == BreakerState.OPEN && clockMs.getAsLong() - openedAtMs >= settings.openMs()) {
      state = BreakerState.HALF_OPEN;
      probeOut = false;
    }
    return switch (state) {
      case CLOSED -> Verdict.PASS;
      case OPEN -> Verdict.INTERCEPT;
      case HALF_OPEN -> {
        if (probeOut) {
          yield Verdict.INTERCEPT;
        }
        probeOut = true;
        yield Verdict.PROBE;
      }
    };
  }

  public synchronized void probeResult(boolean good) {
    if (state != BreakerState.HALF_OPEN) {
      return;
    }
    if (good) {
      close();
    } else {
      open("probe failed: " + reason);
    }
  }

  /** Counts one outcome while closed; trips when the window's bad share reaches the ratio. */
  public synchronized void record(boolean isBad, String whyBad) {
    if (state != BreakerState.CLOSED) {
      return;
    }
    long now = clockMs.getAsLong();
    int i = (int) ((now / bucketMs) % BUCKETS);
    long start = now - now % bucketMs;
    if (bucketStart[i] != start) {
      bucketStart[i] = start;
      total[i] = 0;
      bad[i] = 0;
    }
    total[i]++;
    if (isBad) {
      bad[i]++;
    }
    int windowTotal = 0;
    int windowBad = 0;
    for (int b = 0; b < BUCKETS; b++) {
      if (now - bucketStart[b] < settings.windowMs()) {
        windowTotal += total[b];
        windowBad += bad[b];
      }
    }
    if (isBad && windowTotal >= settings.minRequests()
        && windowBad >= settings.tripRatio() * windowTotal) {
      open(windowBad + " of " + windowTotal + " requests in the last " + settings.windowMs() / 1000 + " s: " + whyBad);
      onTrip.accept(reason);
    }
  }

  @Override
  public synchronized void reset() {
    close();
  }

  @Override
  public synchronized void tripFromPeer(String why) {
    if (state == BreakerState.CLOSED) {
      open(why);
    }
  }

  @Override
  public void onTrip(Consumer<String> listener) {
    this.onTrip = listener;
  }

  @Override
  public synchronized Snapshot snapshot() {
    return new Snapshot(state, reason, trips, lastTripAt);
  }

  private void open(String why) {
    state = BreakerState.OPEN;
    openedAtMs = clockMs.getAsLong();
    lastTripAt = Instant.ofEpochMilli(openedAtMs);
    reason = why;
    probeOut = false;
    trips++;
  }

  private void close() {
    state = BreakerState.CLOSED;
    probeOut = false;
    java.util.Arrays.fill(bucketStart, 0);
    java.util.Arrays.fill(total, 0);
    java.util.Arrays.fill(bad, 0);
  }
}
