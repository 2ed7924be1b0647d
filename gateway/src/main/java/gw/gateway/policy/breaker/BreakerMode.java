package gw.gateway.policy.breaker;

import java.util.Locale;

/** Who decides: the breaker's own trigger ({@code auto}), or an operator holding it open or closed. */
public enum BreakerMode {
  AUTO, FORCED_OPEN, FORCED_CLOSED;

  public static BreakerMode parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown breaker mode '" + name + "'; use auto, forced_open or forced_closed");
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
