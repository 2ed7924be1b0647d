package gw.gateway.policy.budget;

import gw.gateway.config.BudgetsConfig.ScopeKind;
import java.time.Duration;
import java.time.Instant;

/**
 * One limit of one budget (e.g. tenant 'demo', daily) with what is spent and reserved in the
 * current period. Not thread-safe: {@link BudgetLedger} guards it. Reservations survive a period
 * change, so requests in flight across midnight still count against the new period.
 */
final class BudgetAccount {
  final ScopeKind kind;
  final String name;
  final BudgetPeriod period;
  final long limit;
  final boolean openWhenRedisDown;
  private Instant periodStart;
  private Instant periodEnd;
  private long spent;
  private long reserved;

  BudgetAccount(ScopeKind kind, String name, BudgetPeriod period, long limit, boolean openWhenRedisDown, Instant now) {
    this.kind = kind;
    this.name = name;
    this.period = period;
    this.limit = limit;
    this.openWhenRedisDown = openWhenRedisDown;
    this.periodStart = period.startOf(now);
    this.periodEnd = period.next(periodStart);
  }

  void roll(Instant now) {
    if (!now.isBefore(periodEnd)) {
      periodStart = period.startOf(now);
      periodEnd = period.next(periodStart);
      spent = 0;
    }
  }

  /** An exhausted budget admits nothing, not even a request it cannot price. */
  boolean admits(long amount) {
    return spent < limit && spent + reserved + amount <= limit;
  }

  void reserve(long amount) {
    reserved += amount;
  }

  void settle(long reservedAmount, long actual) {
    reserved -= reservedAmount;
    spent += actual;
  }

  void restore(long spentInPeriod) {
    spent = spentInPeriod;
  }

  /** Takes what the whole fleet has spent and holds, as Redis last said. */
  void mirror(long fleetSpent, long fleetReserved) {
    spent = fleetSpent;
    reserved = fleetReserved;
  }

  long spent() {
    return spent;
  }

  /**
   * This account's hash in Redis for the period holding {@code at}; one hash tag for every budget key,
   * so a script touching several accounts also runs on a Redis Cluster.
   */
  String redisKey(Instant at) {
    return "gw:{budget}:" + kind.wireName() + ":" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
        + ":" + period.wireName() + ":" + period.startOf(at).getEpochSecond();
  }

  /** Keys outlive their period by a day, for late settlements and reports. */
  long keepUntilMs(Instant at) {
    return period.next(period.startOf(at)).plus(Duration.ofDays(1)).toEpochMilli();
  }

  BudgetDenial denial(long amount, Instant now) {
    long seconds = (Duration.between(now, periodEnd).toMillis() + 999) / 1000;
    return new BudgetDenial(kind, name, period, Usd.fromNanos(limit), Usd.fromNanos(spent), Usd.fromNanos(reserved),
        Usd.fromNanos(amount), periodEnd, Math.max(1, seconds), amount > limit, message(amount, periodEnd, seconds));
  }

  BudgetStatus status() {
    return new BudgetStatus(kind, name, period, periodStart, Usd.fromNanos(limit), Usd.fromNanos(spent),
        Usd.fromNanos(reserved), Usd.fromNanos(Math.max(0, limit - spent - reserved)));
  }

  private String message(long amount, Instant resetsAt, long seconds) {
    String budget = kind.wireName() + " '" + name + "' " + period.wireName() + " budget";
    if (amount > limit) {
      return "Request too large for the " + budget + ": its worst-case cost " + Usd.format(amount)
          + " exceeds the whole limit of " + Usd.format(limit) + ". Lower max_tokens or shorten the prompt.";
    }
    return "Budget exceeded for the " + budget + ": limit " + Usd.format(limit) + ", spent " + Usd.format(spent)
        + ", reserved by requests in flight " + Usd.format(reserved) + ", this request needs up to "
        + Usd.format(amount) + ". The budget resets at " + resetsAt + "; try again in " + Math.max(1, seconds) + "s.";
  }
}
