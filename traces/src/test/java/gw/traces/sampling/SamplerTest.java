package gw.traces.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import gw.traces.TraceFixtures;
import gw.traces.TraceRecord;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final int DECISIONS = 10_000;
  /** About 3.3 standard deviations of a 10% binomial share over 10 000 draws. */
  private static final double TOLERANCE = 0.01;

  private final Sampler sampler = new Sampler(SamplingRules.defaults(), new SplittableRandom(42));

  @Test
  void devAndStagingKeepEverything() {
    for (String environment : List.of("dev", "staging")) {
      for (int i = 0; i < DECISIONS; i++) {
        assertThat(sampler.decide(environment, false, 100, false))
            .isEqualTo(new TraceRecord.Sampling(true, Sampler.ENVIRONMENT_FULL, 1.0));
      }
    }
  }

  @Test
  void productionKeepsAboutTenPercentOfOrdinaryTraffic() {
    int kept = 0;
    for (int i = 0; i < DECISIONS; i++) {
      TraceRecord.Sampling decision = sampler.decide("production", false, 100, false);
      assertThat(decision.rate()).isEqualTo(0.1);
      assertThat(decision.reason()).isEqualTo(decision.kept() ? Sampler.RANDOM : Sampler.NOT_SAMPLED);
      kept += decision.kept() ? 1 : 0;
    }

    assertThat((double) kept / DECISIONS).isCloseTo(0.1, org.assertj.core.data.Offset.offset(TOLERANCE));
  }

  @Test
  void productionAlwaysKeepsErrorsSlowRequestsAndGatewayActions() {
    Sampler neverLucky = new Sampler(SamplingRules.defaults(), alwaysDraw(0.999));
    for (int i = 0; i < DECISIONS; i++) {
      assertThat(neverLucky.decide("production", true, 10, false)).isEqualTo(always(Sampler.ERROR));
      assertThat(neverLucky.decide("production", false, 5000.1, false)).isEqualTo(always(Sampler.SLOW));
      assertThat(neverLucky.decide("production", false, 10, true)).isEqualTo(always(Sampler.GATEWAY_ACTION));
    }
    assertThat(neverLucky.decide("production", false, 5000, false).kept()).as("exactly at the threshold").isFalse();
  }

  @Test
  void errorIsTheReasonWhenSeveralApply() {
    assertThat(sampler.decide("production", true, 9000, true).reason()).isEqualTo(Sampler.ERROR);
    assertThat(sampler.decide("production", false, 9000, true).reason()).isEqualTo(Sampler.GATEWAY_ACTION);
    assertThat(sampler.decide("dev", true, 10, false).reason()).isEqualTo(Sampler.ERROR);
  }

  @Test
  void decidingFromARecordUsesItsStatusLatencyAndActions() {
    Sampler neverLucky = new Sampler(SamplingRules.defaults(), alwaysDraw(0.999));
    TraceRecord ordinary = TraceFixtures.validBuilder().latencyMs(50).actions(List.of()).build();

    assertThat(neverLucky.decide(ordinary).kept()).isFalse();
    assertThat(neverLucky.decide(ordinary.toBuilder().actions(List.of("breaker:open")).build()).reason())
        .isEqualTo(Sampler.GATEWAY_ACTION);
    assertThat(neverLucky.decide(ordinary.toBuilder().observedActions(List.of("cost_spike/shed")).build()).reason())
        .as("what a breaker in observe mode would have done is kept too").isEqualTo(Sampler.GATEWAY_ACTION);
    assertThat(neverLucky.decide(ordinary.toBuilder().status("error").error("x").build()).reason())
        .isEqualTo(Sampler.ERROR);
    assertThat(neverLucky.decide(ordinary.toBuilder().latencyMs(7000).build()).reason()).isEqualTo(Sampler.SLOW);
  }

  @Test
  void rulesCanTurnForcedKeepsOff() {
    SamplingRules rules = new SamplingRules(Map.of("production",
        new SamplingRules.EnvironmentRule(0.0, Double.POSITIVE_INFINITY, false, false)));
    Sampler strict = new Sampler(rules, alwaysDraw(0.0));

    assertThat(strict.decide("production", true, 1e9, true))
        .isEqualTo(new TraceRecord.Sampling(false, Sampler.NOT_SAMPLED, 0.0));
  }

  @Test
  void unknownEnvironmentIsSampledLikeProduction() {
    Sampler neverLucky = new Sampler(SamplingRules.defaults(), alwaysDraw(0.999));

    assertThat(neverLucky.decide("qa", false, 10, false).kept()).isFalse();
    assertThat(neverLucky.decide(null, true, 10, false).reason()).isEqualTo(Sampler.ERROR);
  }

  private static TraceRecord.Sampling always(String reason) {
    return new TraceRecord.Sampling(true, reason, 1.0);
  }

  private static RandomGenerator alwaysDraw(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }
}
