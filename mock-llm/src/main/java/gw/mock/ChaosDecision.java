package gw.mock;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The chaos modes that fired for one request, each with its parameter. */
record ChaosDecision(Map<ChaosMode, Long> fired) {

  private static final ChaosDecision CALM = new ChaosDecision(new EnumMap<>(ChaosMode.class));

  ChaosDecision {
    fired = Collections.unmodifiableMap(fired);
  }

  static ChaosDecision calm() {
    return CALM;
  }

  boolean has(ChaosMode mode) {
    return fired.containsKey(mode);
  }

  long param(ChaosMode mode) {
    return fired.getOrDefault(mode, mode.defaultParam());
  }

  boolean isCalm() {
    return fired.isEmpty();
  }
}
