package gw.gateway.policy.breaker;

/** What a breaker says about one request. */
public enum Verdict {
  /** Closed: proceed normally. */
  PASS,
  /** Open: apply the class's mitigation. */
  INTERCEPT,
  /** Half-open: proceed, and report the outcome so the breaker can close or re-open. */
  PROBE
}
