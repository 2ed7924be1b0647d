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

  /**
   * Decides which model-call modes fire for a chat or embeddings request for {@code model}: runtime chaos when
   * its scope takes in the model, plus {@code perRequest} chaos (which always applies and wins).
   */
  ChaosDecision rollForModel(String model, ChaosSpec perRequest) {
    ChaosSpec scoped = runtime.scope().matches(model) ? runtime : ChaosSpec.none();
    return roll(scoped.overriddenBy(perRequest), false);
  }

  /** Decides which retrieval modes fire for a {@code /v1/retrieve} call; it has no model, so scope is ignored. */
  ChaosDecision rollForRetrieval(ChaosSpec perRequest) {
    return roll(runtime.overriddenBy(perRequest), true);
  }

  // Only the modes that act on this kind of call are rolled, so retrieval chaos never shifts the dice of
  // model calls (and back).
  private ChaosDecision roll(ChaosSpec effective, boolean retrieval) {
    if (effective.isEmpty()) {
      return ChaosDecision.calm();
    }
    Map<ChaosMode, Long> fired = new EnumMap<>(ChaosMode.class);
    effective.modes().forEach((mode, setting) -> {
      if (mode.actsOnRetrieval() == retrieval && fires(setting.rate())) {
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
