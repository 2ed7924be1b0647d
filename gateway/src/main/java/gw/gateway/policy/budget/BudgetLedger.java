package gw.gateway.policy.budget;

import gw.gateway.config.BudgetsConfig.Budget;
import gw.gateway.config.BudgetsConfig.ScopeKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spend per budget, exact under concurrency: a request reserves its worst-case cost on every budget
 * it counts against (all or none) before it runs, and settles the real cost when it is metered.
 * So spent never exceeds a limit by more than what in-flight requests cost beyond their reservation.
 * One lock, held for a few additions per call; shared by every event loop and the metering thread.
 */
public final class BudgetLedger {
  private final Clock clock;
  private final Map<ScopeKind, Map<String, List<BudgetAccount>>> accounts = new EnumMap<>(ScopeKind.class);
  private final List<BudgetAccount> all = new ArrayList<>();
  private final Object lock = new Object();

  public BudgetLedger(List<Budget> budgets, Clock clock) {
    this.clock = clock;
    Instant now = clock.instant();
    for (Budget b : budgets) {
      add(b, BudgetPeriod.DAILY, b.dailyUsd(), now);
      add(b, BudgetPeriod.MONTHLY, b.monthlyUsd(), now);
    }
  }

  private void add(Budget b, BudgetPeriod period, Double limitUsd, Instant now) {
    if (limitUsd == null) {
      return;
    }
    BudgetAccount a = new BudgetAccount(b.scope(), b.name(), period, Usd.toNanos(limitUsd), b.openWhenRedisDown(), now);
    accounts.computeIfAbsent(b.scope(), k -> new HashMap<>()).computeIfAbsent(b.name(), k -> new ArrayList<>()).add(a);
    all.add(a);
  }

  /** Holds {@code usd} on every budget that applies to {@code scope}, or on none and says which refused. */
  public BudgetDecision reserve(BudgetScope scope, double usd) {
    List<BudgetAccount> applicable = applicableTo(scope);
    long amount = Usd.toNanos(usd);
    if (applicable.isEmpty()) {
      return new Reservation(applicable, amount);
    }
    Instant now = clock.instant();
    synchronized (lock) {
      BudgetDenial refused = refusal(applicable, amount, now);
      if (refused != null) {
        return refused;
      }
      for (BudgetAccount a : applicable) {
        a.reserve(amount);
      }
    }
    return new Reservation(applicable, amount);
  }

  /** Of the accounts that cannot admit {@code amount}, the one that resets last; null when all can. Holds the lock. */
  private static BudgetDenial refusal(List<BudgetAccount> accounts, long amount, Instant now) {
    BudgetDenial refused = null;
    for (BudgetAccount a : accounts) {
      a.roll(now);
      if (!a.admits(amount)) {
        BudgetDenial d = a.denial(amount, now);
        if (refused == null || d.retryAfterSeconds() > refused.retryAfterSeconds()) {
          refused = d;
        }
      }
    }
    return refused;
  }

  /**
   * Sets each account to what the fleet has spent and holds ({@code spentAndReserved}: two values per
   * account, as Redis answered), and says which refuses {@code amount}, if any.
   */
  BudgetDenial mirror(List<BudgetAccount> accounts, long[] spentAndReserved, long amount) {
    Instant now = clock.instant();
    synchronized (lock) {
      for (int i = 0; i < accounts.size(); i++) {
        BudgetAccount a = accounts.get(i);
        a.roll(now);
        a.mirror(spentAndReserved[2 * i], spentAndReserved[2 * i + 1]);
      }
      return refusal(accounts, amount, now);
    }
  }

  /** Every account, for a shared ledger to mirror. */
  List<BudgetAccount> accounts() {
    return all;
  }

  /** What this instance knows an account has spent in its current period. */
  long spent(BudgetAccount account) {
    Instant now = clock.instant();
    synchronized (lock) {
      account.roll(now);
      return account.spent();
    }
  }

  /**
   * Releases the reservation and adds the real cost, in the current period, even when it is more
   * than was reserved. A second settle of the same reservation does nothing.
   */
  public void settle(Reservation reservation, double actualUsd) {
    if (!reservation.markSettled() || reservation.isEmpty()) {
      return;
    }
    long actual = Usd.toNanos(actualUsd);
    Instant now = clock.instant();
    synchronized (lock) {
      for (BudgetAccount a : reservation.accounts) {
        a.roll(now);
        a.settle(reservation.amount, actual);
      }
    }
  }

  /** For a request that consumed nothing (it failed before the provider charged for it). */
  public void refund(Reservation reservation) {
    settle(reservation, 0);
  }

  /**
   * Sets what a budget has already spent in its current period, e.g. from the durable spend store
   * at start-up. Returns false when no such budget is configured.
   */
  public boolean restore(ScopeKind scope, String name, BudgetPeriod period, double spentUsd) {
    Instant now = clock.instant();
    synchronized (lock) {
      for (BudgetAccount a : accounts.getOrDefault(scope, Map.of()).getOrDefault(name, List.of())) {
        if (a.period == period) {
          a.roll(now);
          a.restore(Usd.toNanos(spentUsd));
          return true;
        }
      }
    }
    return false;
  }

  /** Every configured budget limit in its current period, in configuration order. */
  public List<BudgetStatus> status() {
    Instant now = clock.instant();
    List<BudgetStatus> out = new ArrayList<>(all.size());
    synchronized (lock) {
      for (BudgetAccount a : all) {
        a.roll(now);
        out.add(a.status());
      }
    }
    return out;
  }

  List<BudgetAccount> applicableTo(BudgetScope scope) {
    List<BudgetAccount> found = List.of();
    for (Map.Entry<ScopeKind, Map<String, List<BudgetAccount>>> e : accounts.entrySet()) {
      String name = scope.name(e.getKey());
      List<BudgetAccount> forName = name == null ? null : e.getValue().get(name);
      if (forName != null) {
        if (found.isEmpty()) {
          found = new ArrayList<>(4);
        }
        found.addAll(forName);
      }
    }
    return found;
  }
}
