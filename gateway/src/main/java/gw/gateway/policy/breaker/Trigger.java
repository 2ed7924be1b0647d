package gw.gateway.policy.breaker;

import java.time.Instant;

/** The automatic part of a breaker: its own state, and how an operator clears it. */
public interface Trigger {
  Snapshot snapshot();

  /** Back to closed with no memory of past outcomes: what an operator's return to auto means. */
  void reset();

  /**
   * @param reason why it last opened (null if it never did)
   * @param lastTripAt when it last opened by itself (null if it never did); forced modes leave it alone
   */
  record Snapshot(BreakerState state, String reason, long trips, Instant lastTripAt) {}
}
