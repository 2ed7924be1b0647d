package gw.gateway.policy.budget;

import gw.gateway.chain.GatewayFailure;
import gw.gateway.shared.LuaScript;
import gw.gateway.shared.RedisLink;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Budgets held in Redis, exact across every instance: one script checks {@code spent + reserved +
 * ask <= limit} on all of a request's accounts and holds the ask on all of them, or on none, so
 * concurrent requests on any number of instances never overspend beyond what they reserved. The
 * local {@link BudgetLedger} mirrors Redis (refreshed each second and by every reservation) for
 * reports and metrics, and takes over while Redis is unreachable: a budget configured
 * {@code when_redis_down: open} admits from this mirror; any other refuses with a 503. What was
 * spent meanwhile is pushed to Redis when it answers again.
 */
public final class RedisBudgets implements Budgets {
  /** Longer than any request may take; a hold left behind by a crashed instance frees itself then. */
  static final long HOLD_TTL_MS = 15 * 60_000;
  private static final int MAX_UNSETTLED = 100_000;
  private static final LuaScript RESERVE = LuaScript.load("budget_reserve");
  private static final LuaScript SETTLE = LuaScript.load("budget_settle");
  private static final LuaScript RESYNC = LuaScript.load("budget_resync");

  private final BudgetLedger ledger;
  private final RedisLink redis;
  private final Clock clock;
  private final String instance;
  private final AtomicLong holds = new AtomicLong();
  /** Settlements Redis did not take (it was down): re-run on its return, so their holds are released. */
  private final ConcurrentLinkedQueue<Unsettled> unsettled = new ConcurrentLinkedQueue<>();
  private final AtomicInteger unsettledCount = new AtomicInteger();
  /** Spend this instance booked locally while Redis was down, per Redis key, to add on its return. */
  private final Map<String, AtomicLong> spentWhileDown = new ConcurrentHashMap<>();

  private record Unsettled(Reservation reservation, long actual, Instant at) {}

  public RedisBudgets(BudgetLedger ledger, RedisLink redis, Clock clock, String instance) {
    this.ledger = ledger;
    this.redis = redis;
    this.clock = clock;
    this.instance = instance;
    redis.dependency().onReturn(this::resync);
  }

  @Override
  public Future<BudgetDecision> reserve(BudgetScope scope, double usd) {
    List<BudgetAccount> accounts = ledger.applicableTo(scope);
    if (accounts.isEmpty() || !redis.isUp()) {
      return local(scope, usd, accounts);
    }
    Instant now = clock.instant();
    long amount = Usd.toNanos(usd);
    String holdId = instance + "-" + holds.incrementAndGet();
    List<String> keys = new ArrayList<>(accounts.size());
    List<String> args = new ArrayList<>(4 + 2 * accounts.size());
    args.add(Long.toString(now.toEpochMilli()));
    args.add(Long.toString(HOLD_TTL_MS));
    args.add(holdId);
    args.add(Long.toString(amount));
    for (BudgetAccount a : accounts) {
      keys.add(a.redisKey(now));
      args.add(Long.toString(a.limit));
      args.add(Long.toString(a.keepUntilMs(now)));
    }
    return redis.run(RESERVE, keys, args).transform(ar -> {
      if (ar.failed()) {
        return local(scope, usd, accounts);
      }
      Response r = ar.result();
      long[] seen = new long[2 * accounts.size()];
      for (int i = 0; i < seen.length; i++) {
        seen[i] = r.get(i + 1).toLong();
      }
      // The mirror applies the script's own test to the same numbers, so it names the refusing budget.
      BudgetDenial refused = ledger.mirror(accounts, seen, amount);
      if (r.get(0).toInteger() != 1) {
        return Future.succeededFuture(java.util.Objects.requireNonNull(refused, "a budget Redis refused"));
      }
      return Future.succeededFuture(new Reservation(accounts, amount, holdId + ":" + amount, keys));
    });
  }

  /** Redis is unreachable: budgets that fail open use this instance's mirror; any other refuses. */
  private Future<BudgetDecision> local(BudgetScope scope, double usd, List<BudgetAccount> accounts) {
    for (BudgetAccount a : accounts) {
      if (!a.openWhenRedisDown) {
        return Future.failedFuture(GatewayFailure.unavailable("budget_unavailable", "The " + a.kind.wireName() + " '"
            + a.name + "' budget cannot be checked: the shared budget store is unreachable, and this budget "
            + "refuses requests until it returns. Try again shortly.", 5));
      }
    }
    return Future.succeededFuture(ledger.reserve(scope, usd));
  }

  @Override
  public void settle(Reservation reservation, double actualUsd) {
    if (reservation.holdMember == null) {
      ledger.settle(reservation, actualUsd); // held locally while Redis was down
      if (!reservation.isEmpty()) {
        Instant now = clock.instant();
        long actual = Usd.toNanos(actualUsd);
        for (BudgetAccount a : reservation.accounts) {
          spentWhileDown.computeIfAbsent(a.redisKey(now), k -> new AtomicLong()).addAndGet(actual);
        }
      }
      return;
    }
    if (!reservation.markSettled()) {
      return;
    }
    long actual = Usd.toNanos(actualUsd);
    Instant now = clock.instant();
    runSettle(reservation, actual, now).onFailure(e -> {
      if (unsettledCount.incrementAndGet() <= MAX_UNSETTLED) {
        unsettled.add(new Unsettled(reservation, actual, now));
      } else {
        unsettledCount.decrementAndGet();
        for (BudgetAccount a : reservation.accounts) {
          spentWhileDown.computeIfAbsent(a.redisKey(now), k -> new AtomicLong()).addAndGet(actual);
        }
      }
    });
  }

  private Future<Response> runSettle(Reservation reservation, long actual, Instant now) {
    List<String> keys = new ArrayList<>(reservation.heldKeys);
    List<String> args = new ArrayList<>(3 + reservation.accounts.size());
    args.add(reservation.holdMember);
    args.add(Long.toString(reservation.amount));
    args.add(Long.toString(actual));
    for (BudgetAccount a : reservation.accounts) {
      keys.add(a.redisKey(now));
      args.add(Long.toString(a.keepUntilMs(now)));
    }
    return redis.run(SETTLE, keys, args);
  }

  /**
   * At start-up and whenever Redis answers again: accounts Redis lacks take what this instance knows
   * (durable history plus local spend), accounts it kept take the local spend since it went down;
   * then settlements it missed run, and the mirror is refreshed.
   */
  public Future<Void> resync() {
    Instant now = clock.instant();
    List<String> keys = new ArrayList<>();
    List<String> args = new ArrayList<>();
    Map<String, Long> pushed = new java.util.HashMap<>();
    for (BudgetAccount a : ledger.accounts()) {
      String key = a.redisKey(now);
      AtomicLong pending = spentWhileDown.get(key);
      long delta = pending == null ? 0 : pending.get();
      keys.add(key);
      args.add(Long.toString(ledger.spent(a)));
      args.add(Long.toString(delta));
      args.add(Long.toString(a.keepUntilMs(now)));
      pushed.put(key, delta);
    }
    spentWhileDown.keySet().retainAll(pushed.keySet()); // spend of an ended period no longer matters
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return redis.run(RESYNC, keys, args).compose(r -> {
      pushed.forEach((key, delta) -> {
        AtomicLong pending = spentWhileDown.get(key);
        if (pending != null && pending.addAndGet(-delta) == 0) {
          spentWhileDown.remove(key, pending);
        }
      });
      return settleMissed();
    }).compose(v -> refresh());
  }

  private Future<Void> settleMissed() {
    Future<Void> chain = Future.succeededFuture();
    for (Unsettled u; (u = unsettled.poll()) != null; ) {
      unsettledCount.decrementAndGet();
      Unsettled missed = u;
      chain = chain.compose(v -> runSettle(missed.reservation(), missed.actual(), missed.at()).mapEmpty());
    }
    return chain;
  }

  /** Reads every account's fleet-wide spend and holds into the local mirror (reports, metrics, fail-open). */
  public Future<Void> refresh() {
    List<BudgetAccount> accounts = ledger.accounts();
    if (accounts.isEmpty() || !redis.isUp()) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    List<Request> reads = new ArrayList<>(accounts.size());
    for (BudgetAccount a : accounts) {
      reads.add(Request.cmd(Command.HMGET).arg(a.redisKey(now)).arg("spent").arg("reserved"));
    }
    return redis.batch(reads).map(replies -> {
      long[] seen = new long[2 * accounts.size()];
      for (int i = 0; i < replies.size(); i++) {
        seen[2 * i] = asLong(replies.get(i).get(0));
        seen[2 * i + 1] = asLong(replies.get(i).get(1));
      }
      ledger.mirror(accounts, seen, 0);
      return null;
    });
  }

  private static long asLong(Response r) {
    return r == null ? 0 : r.toLong();
  }
}
