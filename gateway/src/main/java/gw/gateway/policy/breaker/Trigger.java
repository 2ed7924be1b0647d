package gw.gateway.policy.breaker;

/** The automatic part of a breaker: its own state, and how an operator clears it. */
public interface Trigger {
  Snapshot snapshot();

  /** Back to closed with no memory of past outcomes: what an operator's return to auto means. */
  void reset();

  /** @param reason why it last opened (null if it never did) */
  record Snapshot(BreakerState state, String reason, long trips) {}
}
