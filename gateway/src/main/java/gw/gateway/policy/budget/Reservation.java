package gw.gateway.policy.budget;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Money held on every budget a request counts against, until the request is settled (once). */
public final class Reservation implements BudgetDecision {
  final List<BudgetAccount> accounts;
  final long amount;
  /** Set when the money is held in Redis: the hold's member and the account keys it was placed on. */
  final String holdMember;
  final List<String> heldKeys;
  private final AtomicBoolean settled = new AtomicBoolean();

  Reservation(List<BudgetAccount> accounts, long amount) {
    this(accounts, amount, null, List.of());
  }

  Reservation(List<BudgetAccount> accounts, long amount, String holdMember, List<String> heldKeys) {
    this.accounts = accounts;
    this.amount = amount;
    this.holdMember = holdMember;
    this.heldKeys = heldKeys;
  }

  public double usd() {
    return Usd.fromNanos(amount);
  }

  /** True when no configured budget applies, so there is nothing to settle. */
  public boolean isEmpty() {
    return accounts.isEmpty();
  }

  /** True only for the first caller, so a reservation is released exactly once. */
  boolean markSettled() {
    return settled.compareAndSet(false, true);
  }
}
