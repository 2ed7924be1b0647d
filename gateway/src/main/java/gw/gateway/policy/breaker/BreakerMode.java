package gw.gateway.policy.breaker;

import java.util.Locale;

/**
 * Who decides: the breaker's own trigger ({@code auto}), the trigger without its mitigation
 * ({@code observe}: trips and incidents as usual, nothing intercepted, the would-be action recorded),
 * or an operator holding it open or closed.
 */
public enum BreakerMode {
  AUTO, OBSERVE, FORCED_OPEN, FORCED_CLOSED;

  public static BreakerMode parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown breaker mode '" + name + "'; use auto, observe, forced_open or forced_closed");
    }
  }

  /** True when the breaker's own trigger runs (auto and observe). */
  public boolean triggerRuns() {
    return this == AUTO || this == OBSERVE;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
