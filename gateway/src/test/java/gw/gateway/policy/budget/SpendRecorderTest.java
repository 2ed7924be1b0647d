package gw.gateway.policy.budget;

import static gw.gateway.testing.FakeExchanges.chat;
import static gw.gateway.testing.FakeExchanges.meter;
import static gw.gateway.testing.FakeExchanges.withFeature;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Metered;
import gw.gateway.state.SpendDelta;
import gw.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client-chosen features cannot grow the spend ledger without bound: a day takes a capped number of them. */
class SpendRecorderTest {
  private static final Identity APP = new Identity("app", "acme", "search", "pro");

  private static void spend(SpendRecorder recorder, String feature) {
    Exchange ex = withFeature(chat(APP, "{\"model\":\"gpt-4o-mini\"}"), feature);
    ex.routeTo("gpt-4o-mini", null);
    recorder.onRequest(ex);
    meter(ex, new Metered(false, 10, 5, 0.01));
  }

  @Test
  void beyondTheDaysCapNewFeaturesAreBookedAsOtherAndCounted() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    SpendRecorder recorder = new SpendRecorder(clock, 3);
    for (int i = 0; i < 50; i++) {
      spend(recorder, "feature-" + i);
    }
    spend(recorder, "feature-1"); // seen today: still its own row
    List<SpendDelta> rows = recorder.drain();
    assertThat(rows).extracting(SpendDelta::feature)
        .containsExactlyInAnyOrder("feature-0", "feature-1", "feature-2", SpendRecorder.OTHER);
    assertThat(rows.stream().filter(r -> r.feature().equals(SpendRecorder.OTHER)).findFirst().orElseThrow().requests())
        .isEqualTo(47);
    assertThat(rows.stream().filter(r -> r.feature().equals("feature-1")).findFirst().orElseThrow().requests())
        .isEqualTo(2);
    assertThat(recorder.overflowed()).isEqualTo(47);

    clock.advance(Duration.ofDays(1)); // a new UTC day starts with a fresh allowance
    spend(recorder, "feature-9");
    assertThat(recorder.drain()).extracting(SpendDelta::feature).containsExactly("feature-9");
  }
}
