package gw.gateway.policy.budget;

import io.vertx.core.Future;

/**
 * Where budgets are held: this instance's {@link BudgetLedger}, or Redis shared by every instance
 * ({@link RedisBudgets}). Reserve before the call, settle (or refund) once it is metered.
 */
public interface Budgets {
  /** A {@link Reservation} or the {@link BudgetDenial}; fails with a 503 when the budget cannot be checked at all. */
  Future<BudgetDecision> reserve(BudgetScope scope, double usd);

  /** Replaces the reservation by the real cost; a second settle does nothing. */
  void settle(Reservation reservation, double actualUsd);

  /** For a request that consumed nothing. */
  default void refund(Reservation reservation) {
    settle(reservation, 0);
  }

  /** This instance's ledger, complete at once. */
  static Budgets local(BudgetLedger ledger) {
    return new Budgets() {
      @Override
      public Future<BudgetDecision> reserve(BudgetScope scope, double usd) {
        return Future.succeededFuture(ledger.reserve(scope, usd));
      }

      @Override
      public void settle(Reservation reservation, double actualUsd) {
        ledger.settle(reservation, actualUsd);
      }
    };
  }
}
