package gw.gateway.policy.breaker;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * PERFORMANCE_DEGRADATION's trigger: Vert.x's circuit breaker around the upstream call. It opens
 * after {@code maxFailures} failed calls (connect errors, timeouts, 5xx) within the window, fails
 * fast while open, and after {@code openMs} lets one probe call through (half-open).
 */
public final class UpstreamBreaker implements Trigger {
  private final CircuitBreaker breaker;
  private final AtomicLong trips = new AtomicLong();
  private final int maxFailures;
  private final long windowMs;
  private volatile String lastFailure;

  public UpstreamBreaker(Vertx vertx, BreakersConfig.Performance config) {
    this.maxFailures = config.maxFailures();
    this.windowMs = config.windowMs();
    this.breaker = CircuitBreaker.create("upstream", vertx, new CircuitBreakerOptions()
        .setMaxFailures(config.maxFailures())
        .setTimeout(-1) // the forward step has its own timeouts
        .setResetTimeout(config.openMs())
        .setFailuresRollingWindow(config.windowMs())
        .setNotificationAddress(null)
        .setFallbackOnFailure(false));
    breaker.openHandler(v -> trips.incrementAndGet());
  }

  /** Runs the call through the breaker; fails with {@code OpenCircuitException} while open. */
  public <T> Future<T> execute(Supplier<Future<T>> call) {
    return breaker.execute(() -> call.get().onFailure(e -> lastFailure = e.getMessage()));
  }

  @Override
  public Snapshot snapshot() {
    BreakerState state = switch (breaker.state()) {
      case CLOSED -> BreakerState.CLOSED;
      case OPEN -> BreakerState.OPEN;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
    };
    String reason = trips.get() == 0 ? null
        : maxFailures + " upstream failures within " + windowMs / 1000.0 + " s; last: " + lastFailure;
    return new Snapshot(state, reason, trips.get());
  }

  @Override
  public void reset() {
    breaker.reset();
  }
}
