package gw.gateway.shared;

import gw.gateway.config.GatewayConfig;
import gw.gateway.incident.IncidentEngine;
import gw.gateway.policy.breaker.Breakers;
import gw.gateway.policy.budget.BudgetLedger;
import gw.gateway.policy.budget.Budgets;
import gw.gateway.policy.budget.RedisBudgets;
import gw.gateway.policy.limit.Limiter;
import gw.gateway.policy.limit.RateLimiter;
import gw.gateway.policy.limit.RedisRateLimiter;
import gw.gateway.state.ControlStore;
import gw.traces.store.TraceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What this instance shares with the others, wired in one place: budgets and rate limits (held in
 * Redis, or this instance's own when it runs alone), breaker modes, incident leadership, and the
 * health of the shared backends. Alone, it adds nothing to the embedded gateway.
 */
public final class SharedState implements AutoCloseable {
  /** How often the local mirror of shared budgets (reports, metrics, fail-open) is refreshed from Redis. */
  private static final long BUDGET_MIRROR_MS = 1_000;

  private final Vertx vertx;
  private final GatewayConfig.Fleet fleet;
  private final Clock clock;
  private final RedisLink redis;
  private final RedisBudgets redisBudgets;
  private final BreakerSync breakerSync;
  private final Budgets budgets;
  private final Limiter limiter;
  private final List<Supplier<Dependency.View>> dependencies = new ArrayList<>();
  private long mirrorTimer = -1;

  private SharedState(Vertx vertx, GatewayConfig config, BudgetLedger ledger, Breakers breakers, TraceStore traces,
      ControlStore control, Clock clock) {
    this.vertx = vertx;
    this.fleet = config.fleet();
    this.clock = clock;
    this.redis = fleet.shared() ? RedisLink.open(vertx, fleet.redisUrl(), fleet.redisTimeoutMs(), clock) : null;
    this.redisBudgets = redis == null ? null : new RedisBudgets(ledger, redis, clock, fleet.instanceId());
    this.breakerSync = redis == null ? null : new BreakerSync(redis, breakers, fleet.instanceId());
    this.budgets = redisBudgets == null ? Budgets.local(ledger) : redisBudgets;
    this.limiter = redis == null ? Limiter.local(new RateLimiter(clock))
        : new RedisRateLimiter(new RateLimiter(clock), redis, clock);
    if (redis != null) {
      dependencies.add(redis.dependency()::view);
    }
    if (config.storeUrl() != null) {
      dependencies.add(() -> Dependency.View.ofStore(traces.availability(), control.availability()));
    }
  }

  public static SharedState wire(Vertx vertx, GatewayConfig config, BudgetLedger ledger, Breakers breakers,
      TraceStore traces, ControlStore control, Clock clock) {
    return new SharedState(vertx, config, ledger, breakers, traces, control, clock);
  }

  public Budgets budgets() {
    return budgets;
  }

  public Limiter limiter() {
    return limiter;
  }

  /** The shared backends, for {@code /admin/health} and {@code gw_dependency_up}; none alone. */
  public List<Supplier<Dependency.View>> dependencies() {
    return List.copyOf(dependencies);
  }

  /** In a fleet, only the leader opens and updates incidents. */
  public void lead(IncidentEngine incidents) {
    if (redis != null) {
      incidents.joinFleet(new FleetIncidents(redis, fleet.instanceId(), incidents.evaluateEveryMs(), clock));
    }
  }

  /**
   * Seeds Redis with the spend this instance knows and subscribes to breaker changes. Completes once
   * done, or at once alone; a Redis that is down makes the instance start degraded, not fail.
   */
  public Future<Void> start() {
    if (redis == null) {
      return Future.succeededFuture();
    }
    mirrorTimer = vertx.setPeriodic(BUDGET_MIRROR_MS, id -> redisBudgets.refresh());
    return redisBudgets.resync().otherwise((Void) null).compose(v -> breakerSync.start());
  }

  /** After metering has stopped: every settlement has been sent. */
  @Override
  public void close() {
    if (redis != null) {
      vertx.cancelTimer(mirrorTimer);
      breakerSync.close();
      redis.close();
    }
  }
}
