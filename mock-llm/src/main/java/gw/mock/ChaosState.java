package gw.mock;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Runtime chaos of one mock server, and the seeded dice that decide, per request, which modes fire.
 * Safe to change from any thread (tests set it directly, the admin API over HTTP).
 */
public final class ChaosState {

  private final Random random;
  private volatile ChaosSpec runtime = ChaosSpec.none();

  public ChaosState(long seed) {
    this.random = new Random(seed);
  }

  public ChaosSpec current() {
    return runtime;
  }

  /** Replaces the runtime chaos. */
  public void set(ChaosSpec spec) {
    runtime = spec;
  }

  public void reset() {
    runtime = ChaosSpec.none();
  }

  /** Decides which modes fire for a request carrying {@code perRequest} chaos (which wins over runtime). */
  ChaosDecision roll(ChaosSpec perRequest) {
    ChaosSpec effective = runtime.overriddenBy(perRequest);
    if (effective.isEmpty()) {
      return ChaosDecision.calm();
    }
    Map<ChaosMode, Long> fired = new EnumMap<>(ChaosMode.class);
    effective.modes().forEach((mode, setting) -> {
      if (fires(setting.rate())) {
        fired.put(mode, setting.param());
      }
    });
    return new ChaosDecision(fired);
  }

  // Dice are only thrown for fractional rates, so rate 0 and 1 never shift the reproducible sequence.
  private boolean fires(double rate) {
    if (rate >= 1.0) {
      return true;
    }
    if (rate <= 0.0) {
      return false;
    }
    return random.nextDouble() < rate;
  }
}
