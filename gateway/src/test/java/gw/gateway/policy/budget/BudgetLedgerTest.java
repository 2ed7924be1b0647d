package gw.gateway.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import gw.gateway.config.BudgetsConfig.Budget;
import gw.gateway.config.BudgetsConfig.ScopeKind;
import gw.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetLedgerTest {
  private static final BudgetScope DEMO = new BudgetScope("demo", "default", null);
  private final MutableClock clock = MutableClock.at("2026-03-15T22:00:00Z");

  private BudgetLedger ledger(Budget... budgets) {
    return new BudgetLedger(List.of(budgets), clock);
  }

  private static Budget tenant(String name, Double daily, Double monthly) {
    return new Budget(ScopeKind.TENANT, name, daily, monthly);
  }

  private static Reservation granted(BudgetDecision d) {
    assertThat(d).isInstanceOf(Reservation.class);
    return (Reservation) d;
  }

  private static BudgetDenial denied(BudgetDecision d) {
    assertThat(d).isInstanceOf(BudgetDenial.class);
    return (BudgetDenial) d;
  }

  private static BudgetStatus status(BudgetLedger ledger, ScopeKind kind, String name, BudgetPeriod period) {
    return ledger.status().stream().filter(s -> s.scope() == kind && s.name().equals(name) && s.period() == period)
        .findFirst().orElseThrow();
  }

  @Test
  void reservationsCountAgainstTheLimitUntilSettled() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, null));
    granted(ledger.reserve(DEMO, 0.6));
    denied(ledger.reserve(DEMO, 0.6));
    BudgetStatus s = status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY);
    assertThat(s.reservedUsd()).isEqualTo(0.6);
    assertThat(s.spentUsd()).isZero();
    assertThat(s.remainingUsd()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void reserveHoldsOnEveryApplicableBudgetOrOnNone() {
    BudgetLedger ledger = ledger(tenant("demo", 10.0, null), new Budget(ScopeKind.TEAM, "default", 1.0, null),
        new Budget(ScopeKind.FEATURE, "chat", null, 5.0));
    BudgetScope scope = new BudgetScope("demo", "default", "chat");
    granted(ledger.reserve(scope, 0.5));
    assertThat(ledger.status()).allSatisfy(s -> assertThat(s.reservedUsd()).isEqualTo(0.5));
    BudgetDenial d = denied(ledger.reserve(scope, 0.6));
    assertThat(d.scope()).isEqualTo(ScopeKind.TEAM);
    assertThat(ledger.status()).allSatisfy(s -> assertThat(s.reservedUsd()).isEqualTo(0.5));
  }

  @Test
  void denialNamesTheBudgetItsLimitSpentReservedAndReset() {
    BudgetLedger ledger = ledger(tenant("demo", 5.0, null));
    ledger.settle(granted(ledger.reserve(DEMO, 4.0)), 4.0);
    granted(ledger.reserve(DEMO, 0.5));
    BudgetDenial d = denied(ledger.reserve(DEMO, 0.75));
    assertThat(d.scope()).isEqualTo(ScopeKind.TENANT);
    assertThat(d.name()).isEqualTo("demo");
    assertThat(d.period()).isEqualTo(BudgetPeriod.DAILY);
    assertThat(d.limitUsd()).isEqualTo(5.0);
    assertThat(d.spentUsd()).isEqualTo(4.0);
    assertThat(d.reservedUsd()).isEqualTo(0.5);
    assertThat(d.requestedUsd()).isEqualTo(0.75);
    assertThat(d.resetsAt()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
    assertThat(d.retryAfterSeconds()).isEqualTo(7200);
    assertThat(d.neverFits()).isFalse();
    assertThat(d.message()).isEqualTo("Budget exceeded for the tenant 'demo' daily budget: limit $5.00, spent $4.00,"
        + " reserved by requests in flight $0.50, this request needs up to $0.75. The budget resets at"
        + " 2026-03-16T00:00:00Z; try again in 7200s.");
  }

  @Test
  void settleReleasesTheReservationAndAddsTheActualCost() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, null));
    ledger.settle(granted(ledger.reserve(DEMO, 0.5)), 0.125);
    BudgetStatus s = status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY);
    assertThat(s.reservedUsd()).isZero();
    assertThat(s.spentUsd()).isEqualTo(0.125);
    granted(ledger.reserve(DEMO, 0.875));
  }

  @Test
  void actualCostMayOvershootTheReservation() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, null));
    ledger.settle(granted(ledger.reserve(DEMO, 0.9)), 1.2);
    assertThat(status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY).spentUsd()).isEqualTo(1.2);
    assertThat(status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY).remainingUsd()).isZero();
  }

  @Test
  void exhaustedBudgetRefusesEvenRequestsItCannotPrice() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, null));
    ledger.settle(granted(ledger.reserve(DEMO, 1.0)), 1.0);
    denied(ledger.reserve(DEMO, 0));
  }

  @Test
  void refundReleasesTheReservationWithoutSpending() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, null));
    ledger.refund(granted(ledger.reserve(DEMO, 1.0)));
    BudgetStatus s = status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY);
    assertThat(s.spentUsd()).isZero();
    assertThat(s.reservedUsd()).isZero();
    granted(ledger.reserve(DEMO, 1.0));
  }

  @Test
  void secondSettleOfAReservationIsIgnored() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, null));
    Reservation r = granted(ledger.reserve(DEMO, 0.5));
    granted(ledger.reserve(DEMO, 0.25));
    ledger.settle(r, 0.5);
    ledger.settle(r, 0.5);
    ledger.refund(r);
    BudgetStatus s = status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY);
    assertThat(s.spentUsd()).isEqualTo(0.5);
    assertThat(s.reservedUsd()).isEqualTo(0.25);
  }

  @Test
  void dailySpendResetsAtUtcMidnightAndMonthlyAtTheFirstOfTheMonth() {
    clock.set(Instant.parse("2026-03-30T12:00:00Z"));
    BudgetLedger ledger = ledger(tenant("demo", 1.0, 1.5));
    ledger.settle(granted(ledger.reserve(DEMO, 1.0)), 1.0);
    denied(ledger.reserve(DEMO, 0.1));
    clock.set(Instant.parse("2026-03-30T23:59:59Z"));
    assertThat(denied(ledger.reserve(DEMO, 0.1)).retryAfterSeconds()).isEqualTo(1);
    clock.set(Instant.parse("2026-03-31T00:00:00Z"));
    ledger.settle(granted(ledger.reserve(DEMO, 0.5)), 0.5);
    BudgetDenial monthly = denied(ledger.reserve(DEMO, 0.1));
    assertThat(monthly.period()).isEqualTo(BudgetPeriod.MONTHLY);
    assertThat(monthly.resetsAt()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    clock.set(Instant.parse("2026-04-01T00:00:00Z"));
    granted(ledger.reserve(DEMO, 1.0));
    BudgetStatus m = status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.MONTHLY);
    assertThat(m.periodStart()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(m.spentUsd()).isZero();
  }

  @Test
  void costSettledAfterThePeriodChangedCountsInTheNewPeriod() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, null));
    ledger.settle(granted(ledger.reserve(DEMO, 0.5)), 0.5);
    Reservation acrossMidnight = granted(ledger.reserve(DEMO, 0.4));
    clock.advance(Duration.ofHours(3));
    BudgetStatus fresh = status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY);
    assertThat(fresh.spentUsd()).isZero();
    assertThat(fresh.reservedUsd()).as("still in flight, so still held").isEqualTo(0.4);
    ledger.settle(acrossMidnight, 0.3);
    BudgetStatus after = status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY);
    assertThat(after.periodStart()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
    assertThat(after.spentUsd()).isEqualTo(0.3);
    assertThat(after.reservedUsd()).isZero();
  }

  @Test
  void restoreSeedsWhatWasSpentInTheCurrentPeriods() {
    BudgetLedger ledger = ledger(tenant("demo", 5.0, 100.0));
    assertThat(ledger.restore(ScopeKind.TENANT, "demo", BudgetPeriod.DAILY, 4.5)).isTrue();
    assertThat(ledger.restore(ScopeKind.TENANT, "demo", BudgetPeriod.MONTHLY, 99.5)).isTrue();
    assertThat(ledger.restore(ScopeKind.TEAM, "demo", BudgetPeriod.DAILY, 1.0)).isFalse();
    assertThat(denied(ledger.reserve(DEMO, 1.0)).period()).isEqualTo(BudgetPeriod.MONTHLY);
    assertThat(status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY).spentUsd()).isEqualTo(4.5);
    granted(ledger.reserve(DEMO, 0.5));
  }

  @Test
  void statusListsEveryBudgetLimitInItsCurrentPeriod() {
    BudgetLedger ledger = ledger(tenant("demo", 5.0, 100.0), new Budget(ScopeKind.FEATURE, "chat", null, 20.0));
    ledger.settle(granted(ledger.reserve(DEMO, 1.0)), 0.25);
    assertThat(ledger.status()).containsExactly(
        new BudgetStatus(ScopeKind.TENANT, "demo", BudgetPeriod.DAILY, Instant.parse("2026-03-15T00:00:00Z"),
            5.0, 0.25, 0.0, 4.75),
        new BudgetStatus(ScopeKind.TENANT, "demo", BudgetPeriod.MONTHLY, Instant.parse("2026-03-01T00:00:00Z"),
            100.0, 0.25, 0.0, 99.75),
        new BudgetStatus(ScopeKind.FEATURE, "chat", BudgetPeriod.MONTHLY, Instant.parse("2026-03-01T00:00:00Z"),
            20.0, 0.0, 0.0, 20.0));
  }

  @Test
  void requestWorseThanTheWholeLimitCanNeverFit() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, null));
    BudgetDenial d = denied(ledger.reserve(DEMO, 1.5));
    assertThat(d.neverFits()).isTrue();
    assertThat(d.message()).startsWith("Request too large for the tenant 'demo' daily budget")
        .contains("$1.50").contains("Lower max_tokens");
  }

  @Test
  void whenSeveralBudgetsRefuseTheOneThatResetsLastIsReported() {
    BudgetLedger ledger = ledger(tenant("demo", 1.0, 1.0));
    ledger.settle(granted(ledger.reserve(DEMO, 1.0)), 1.0);
    BudgetDenial d = denied(ledger.reserve(DEMO, 0.1));
    assertThat(d.period()).isEqualTo(BudgetPeriod.MONTHLY);
    assertThat(d.retryAfterSeconds()).isEqualTo(Duration.ofDays(16).plusHours(2).toSeconds());
  }

  @Test
  void scopesWithoutABudgetAreNotLimited() {
    BudgetLedger ledger = ledger(tenant("acme", 1.0, null), new Budget(ScopeKind.FEATURE, "chat", 1.0, null));
    Reservation r = granted(ledger.reserve(DEMO, 1_000.0));
    assertThat(r.isEmpty()).isTrue();
    ledger.settle(r, 1_000.0);
    assertThat(ledger.status()).allSatisfy(s -> assertThat(s.spentUsd()).isZero());
  }

  @Test
  void smallCostsAddUpExactly() {
    BudgetLedger ledger = ledger(tenant("demo", 0.3, null));
    for (int i = 0; i < 3; i++) {
      ledger.settle(granted(ledger.reserve(DEMO, 0.1)), 0.1);
    }
    assertThat(status(ledger, ScopeKind.TENANT, "demo", BudgetPeriod.DAILY).spentUsd()).isEqualTo(0.3);
  }
}
