package gw.gateway.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.BudgetsConfig.Budget;
import gw.gateway.config.BudgetsConfig.ScopeKind;
import gw.gateway.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;

/**
 * 200 reserve/settle cycles from 8 threads released together, against a $1.00 budget that fits 50
 * worst-case ($0.02) requests: whatever the interleaving, spent stays within the limit plus what
 * in-flight requests cost beyond their reservations.
 */
class BudgetLedgerConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CYCLES = 200;
  private static final double LIMIT = 1.0;
  private static final double WORST_CASE = 0.02;
  private static final BudgetScope SCOPE = new BudgetScope("demo", "default", "chat");

  private final BudgetLedger ledger = new BudgetLedger(List.of(
      new Budget(ScopeKind.TENANT, "demo", LIMIT, null),
      new Budget(ScopeKind.FEATURE, "chat", null, LIMIT)), MutableClock.at("2026-03-15T12:00:00Z"));

  @RepeatedTest(5)
  void actualEqualToTheReservationGrantsExactlyWhatFits() throws Exception {
    int granted = run(WORST_CASE);
    assertThat(granted).isEqualTo(50);
    assertThat(ledger.status()).allSatisfy(s -> {
      assertThat(s.spentUsd()).isLessThanOrEqualTo(LIMIT);
      assertThat(s.reservedUsd()).isZero();
    });
  }

  @RepeatedTest(5)
  void actualBelowTheReservationGrantsMoreButNeverSpendsOverTheLimit() throws Exception {
    int granted = run(0.01);
    assertThat(granted).isGreaterThan(50).isLessThanOrEqualTo(100);
    assertThat(ledger.status()).allSatisfy(s -> {
      assertThat(s.spentUsd()).isLessThanOrEqualTo(LIMIT);
      assertThat(s.reservedUsd()).isZero();
    });
  }

  @RepeatedTest(5)
  void overshootIsBoundedByWhatInFlightRequestsCostBeyondTheirReservation() throws Exception {
    double actual = 0.03;
    run(actual);
    // at most one request per thread can be in flight when the budget fills up
    double bound = LIMIT + THREADS * (actual - WORST_CASE);
    assertThat(ledger.status()).allSatisfy(s -> assertThat(s.spentUsd()).isLessThanOrEqualTo(bound + 1e-9));
  }

  private int run(double actualUsd) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < CYCLES / THREADS; i++) {
            if (ledger.reserve(SCOPE, WORST_CASE) instanceof Reservation r) {
              granted.incrementAndGet();
              ledger.settle(r, actualUsd);
            }
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return granted.get();
  }
}
