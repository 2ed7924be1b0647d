package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosStateTest {

  @Test
  void rateZeroNeverFiresAndRateOneAlwaysFires() {
    ChaosState state = new ChaosState(7);
    state.set(ChaosSpec.none().with(ChaosMode.ERROR_500, 0.0).with(ChaosMode.ERROR_503, 1.0));

    for (int i = 0; i < 200; i++) {
      ChaosDecision decision = state.rollForModel("gpt-4o-mini", ChaosSpec.none());
      assertThat(decision.has(ChaosMode.ERROR_500)).isFalse();
      assertThat(decision.has(ChaosMode.ERROR_503)).isTrue();
    }
  }

  @Test
  void sameSeedGivesSameSequenceOfFractionalDecisions() {
    List<Boolean> first = sequence(new ChaosState(42));
    List<Boolean> second = sequence(new ChaosState(42));

    assertThat(first).isEqualTo(second);
    assertThat(first).contains(true, false);
    assertThat(sequence(new ChaosState(43))).isNotEqualTo(first);
  }

  @Test
  void perRequestChaosAddsToRuntimeChaos() {
    ChaosState state = new ChaosState(1);
    state.set(ChaosSpec.of(ChaosMode.PII_LEAK));

    ChaosDecision decision = state.rollForModel("gpt-4o-mini", ChaosSpec.fromHeader("latency=25"));

    assertThat(decision.fired()).containsOnlyKeys(ChaosMode.PII_LEAK, ChaosMode.LATENCY);
    assertThat(decision.param(ChaosMode.LATENCY)).isEqualTo(25);
  }

  private static List<Boolean> sequence(ChaosState state) {
    List<Boolean> fired = new ArrayList<>();
    ChaosSpec halfTheTime = ChaosSpec.fromHeader("error_503@0.5");
    for (int i = 0; i < 40; i++) {
      fired.add(state.rollForModel("gpt-4o-mini", halfTheTime).has(ChaosMode.ERROR_503));
    }
    return fired;
  }
}
