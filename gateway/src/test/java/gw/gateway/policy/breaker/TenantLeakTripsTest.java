package gw.gateway.policy.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantLeakTripsTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final TenantLeakTrips trips = new TenantLeakTrips(now::get);

  @Test
  void aLeakTripsOnlyItsTenantAndTheReasonNamesIt() {
    trips.trip("acme", "sensitive data in an answer: ssn (retrieved documents only)");
    assertThat(trips.isTripped("acme")).isTrue();
    assertThat(trips.isTripped("beta")).isFalse();
    Trigger.Snapshot s = trips.snapshot();
    assertThat(s.state()).isEqualTo(BreakerState.OPEN);
    assertThat(s.reason()).isEqualTo("tenant 'acme': sensitive data in an answer: ssn (retrieved documents only)");
    assertThat(s.trips()).isEqualTo(1);
    assertThat(s.lastTripAt().toEpochMilli()).isEqualTo(1_000);
  }

  @Test
  void aTrippedTenantsNextLeakIsNoNewTripButAnotherTenantsIs() {
    trips.trip("acme", "a");
    trips.trip("acme", "b");
    now.set(2_000);
    trips.trip("beta", "c");
    assertThat(trips.snapshot().trips()).isEqualTo(2);
    assertThat(trips.snapshot().reason()).isEqualTo("tenant 'acme': a; tenant 'beta': c");
  }

  @Test
  void aResetClosesEveryTenantButKeepsTheCountAndTheLastReason() {
    trips.trip("acme", "a");
    trips.reset();
    assertThat(trips.isTripped("acme")).isFalse();
    assertThat(trips.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(trips.snapshot().trips()).as("a reset leak is still counted").isEqualTo(1);
    assertThat(trips.snapshot().reason()).isEqualTo("tenant 'acme': a");
    trips.trip("acme", "again");
    assertThat(trips.snapshot().trips()).isEqualTo(2);
  }
}
