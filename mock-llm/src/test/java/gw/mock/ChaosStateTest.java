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

  @Test
  void scopedRuntimeChaosFiresOnlyForItsModelsWhileHeaderChaosFiresForAll() {
    ChaosState state = new ChaosState(1);
    state.set(ChaosSpec.of(ChaosMode.ERROR_503).onlyFor("gpt-4o", "text-embedding-3-small"));

    assertThat(state.rollForModel("gpt-4o-2024-08-06", ChaosSpec.none()).has(ChaosMode.ERROR_503)).isTrue();
    assertThat(state.rollForModel("text-embedding-3-small", ChaosSpec.none()).has(ChaosMode.ERROR_503)).isTrue();
    assertThat(state.rollForModel("text-embedding-3-large", ChaosSpec.none()).isCalm()).isTrue();
    assertThat(state.rollForModel("gpt-4o-mini", ChaosSpec.fromHeader("error_500")).fired())
        .containsOnlyKeys(ChaosMode.ERROR_500);
  }

  @Test
  void retrievalChaosAndModelChaosNeverFireForEachOther() {
    ChaosState state = new ChaosState(1);
    state.set(ChaosSpec.of(ChaosMode.RETRIEVAL_OUTAGE).with(ChaosMode.ERROR_503, 1.0).onlyFor("gpt-4o"));

    assertThat(state.rollForModel("gpt-4o", ChaosSpec.none()).fired()).containsOnlyKeys(ChaosMode.ERROR_503);
    assertThat(state.rollForRetrieval(ChaosSpec.none()).fired()).containsOnlyKeys(ChaosMode.RETRIEVAL_OUTAGE);
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
