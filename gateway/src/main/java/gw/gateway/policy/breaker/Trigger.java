package gw.gateway.policy.breaker;

import java.time.Instant;
import java.util.function.Consumer;

/** The automatic part of a breaker: its own state, and how an operator clears it. */
public interface Trigger {
  Snapshot snapshot();

  /** Back to closed with no memory of past outcomes: what an operator's return to auto means. */
  void reset();

  /**
   * Opens it as another instance's trigger opened (a fleet shares trips), if it is closed; it then
   * closes by its own probes.
   */
  default void tripFromPeer(String reason) {}

  /** Who hears of a trip this instance's own traffic caused (not a failed probe, not a peer's trip). */
  default void onTrip(Consumer<String> listener) {}

  /**
   * @param reason why it last opened (null if it never did)
   * @param lastTripAt when it last opened by itself (null if it never did); forced modes leave it alone
   */
  record Snapshot(BreakerState state, String reason, long trips, Instant lastTripAt) {}
}
