package gw.gateway.policy.breaker;

import java.util.Locale;

/** The automatic state: closed (passing), open (intercepting), half-open (letting probes through). */
public enum BreakerState {
  CLOSED, OPEN, HALF_OPEN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
