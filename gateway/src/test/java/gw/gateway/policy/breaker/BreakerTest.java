package gw.gateway.policy.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Identity;
import gw.gateway.incident.IncidentClass;
import gw.gateway.testing.FakeExchanges;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Breaker.act: applied and counted as an interception, or in observe mode only noted, once per request. */
class BreakerTest {
  private static final Identity PRO = new Identity("acme-app", "acme", "search", "pro");

  private static Breaker breaker(BreakerMode mode) {
    Breaker b = new Breaker(IncidentClass.COST_SPIKE, new WindowBreaker(new WindowBreaker.Settings(1000, 1, 1, 1000), () -> 0L));
    b.setMode(new Breaker.ModeChange(mode, "test", "ops", Instant.EPOCH));
    return b;
  }

  private static Exchange exchange() {
    return FakeExchanges.chat(PRO, "{\"model\":\"gpt-4o\"}");
  }

  @Test
  void autoAppliesTheActionsAndCountsOneInterception() {
    Breaker b = breaker(BreakerMode.AUTO);
    Exchange ex = exchange();
    assertThat(b.act(ex, "cost_spike/downgrade_model", "cost_spike/cap_max_tokens")).isTrue();
    assertThat(ex.actions()).containsExactly("cost_spike/downgrade_model", "cost_spike/cap_max_tokens");
    assertThat(ex.observedActions()).isEmpty();
    assertThat(b.view().interceptions()).isEqualTo(1);
    assertThat(b.view().observed()).isZero();
  }

  @Test
  void observeOnlyNotesTheActionsAndCountsARequestOnceHoweverOftenAsked() {
    Breaker b = breaker(BreakerMode.OBSERVE);
    Exchange ex = exchange();
    assertThat(b.act(ex, "performance_degradation/fallback_model")).isFalse();
    assertThat(b.act(ex, "performance_degradation/fallback_model")).as("a retry of the same request").isFalse();
    assertThat(ex.actions()).isEmpty();
    assertThat(ex.observedActions()).containsExactly("performance_degradation/fallback_model");
    assertThat(b.view().observed()).isEqualTo(1);
    assertThat(b.view().interceptions()).isZero();

    assertThat(b.act(exchange())).as("a mitigation with nothing to show still counts").isFalse();
    assertThat(b.view().observed()).isEqualTo(2);
  }
}
