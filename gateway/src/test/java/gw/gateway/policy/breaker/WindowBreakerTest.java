package gw.gateway.policy.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowBreakerTest {
  private final AtomicLong now = new AtomicLong(1_000_000);

  private WindowBreaker breaker() {
    return new WindowBreaker(new WindowBreaker.Settings(10_000, 4, 0.5, 5_000), now::get);
  }

  @Test
  void staysClosedBelowTheMinimumNumberOfRequests() {
    WindowBreaker b = breaker();
    b.record(true, "bad");
    b.record(true, "bad");
    b.record(true, "bad");
    assertThat(b.admit()).isEqualTo(Verdict.PASS);
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void tripsWhenTheBadShareReachesTheRatio() {
    WindowBreaker b = breaker();
    b.record(false, null);
    b.record(false, null);
    b.record(true, "empty retrieval");
    assertThat(b.admit()).isEqualTo(Verdict.PASS);
    assertThat(b.snapshot().lastTripAt()).isNull();
    now.addAndGet(1_234);
    b.record(true, "empty retrieval");
    assertThat(b.admit()).isEqualTo(Verdict.INTERCEPT);
    assertThat(b.snapshot().reason()).contains("2 of 4").contains("empty retrieval");
    assertThat(b.snapshot().trips()).isEqualTo(1);
    assertThat(b.snapshot().lastTripAt()).isEqualTo(java.time.Instant.ofEpochMilli(now.get()));
  }

  @Test
  void announcesItsOwnTripsOnlyAndOpensForAPeersTripUntilItsOwnProbeCloses() {
    WindowBreaker b = breaker();
    java.util.List<String> told = new java.util.ArrayList<>();
    b.onTrip(told::add);
    b.tripFromPeer("tripped on gw-a: 4 of 4 requests");
    assertThat(b.admit()).isEqualTo(Verdict.INTERCEPT);
    assertThat(b.snapshot().reason()).isEqualTo("tripped on gw-a: 4 of 4 requests");
    assertThat(told).as("a peer's trip is not told again").isEmpty();
    now.addAndGet(5_000);
    assertThat(b.admit()).isEqualTo(Verdict.PROBE);
    b.probeResult(false);
    assertThat(told).as("a failed probe is not a new trip").isEmpty();
    now.addAndGet(5_000);
    assertThat(b.admit()).isEqualTo(Verdict.PROBE);
    b.probeResult(true);
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    for (int i = 0; i < 4; i++) {
      b.record(true, "empty retrieval");
    }
    assertThat(told).singleElement().asString().contains("4 of 4").contains("empty retrieval");
    b.tripFromPeer("tripped on gw-b: again");
    assertThat(b.snapshot().reason()).as("already open: a peer's trip changes nothing").contains("4 of 4");
  }

  @Test
  void forgetsOutcomesOlderThanTheWindow() {
    WindowBreaker b = breaker();
    b.record(true, "bad");
    b.record(true, "bad");
    b.record(true, "bad");
    now.addAndGet(11_000);
    b.record(true, "bad");
    assertThat(b.admit()).isEqualTo(Verdict.PASS);
  }

  @Test
  void letsOneProbeThroughAfterTheOpenTimeAndClosesWhenItIsGood() {
    WindowBreaker b = tripped();
    now.addAndGet(4_999);
    assertThat(b.admit()).isEqualTo(Verdict.INTERCEPT);
    now.addAndGet(1);
    assertThat(b.admit()).isEqualTo(Verdict.PROBE);
    assertThat(b.admit()).as("only one probe at a time").isEqualTo(Verdict.INTERCEPT);
    b.probeResult(true);
    assertThat(b.admit()).isEqualTo(Verdict.PASS);
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void aBadProbeReopensForAnotherOpenPeriod() {
    WindowBreaker b = tripped();
    now.addAndGet(5_000);
    assertThat(b.admit()).isEqualTo(Verdict.PROBE);
    b.probeResult(false);
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
    now.addAndGet(4_000);
    assertThat(b.admit()).isEqualTo(Verdict.INTERCEPT);
    assertThat(b.snapshot().trips()).isEqualTo(2);
  }

  private WindowBreaker tripped() {
    WindowBreaker b = breaker();
    for (int i = 0; i < 4; i++) {
      b.record(true, "bad");
    }
    assertThat(b.admit()).isEqualTo(Verdict.INTERCEPT);
    return b;
  }
}
