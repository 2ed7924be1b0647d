package gw.gateway.time;

import io.vertx.core.Vertx;

/**
 * One-shot timers behind an interface, so tests fire them by hand instead of waiting for them
 * (the breaker's pace judge and the upstream decorators' timeouts and backoff).
 */
public interface Timers {
  /** Runs {@code onTimeout} after {@code delayMs} unless the returned action cancels it first. */
  Runnable start(long delayMs, Runnable onTimeout);

  static Timers of(Vertx vertx) {
    return (delayMs, onTimeout) -> {
      long id = vertx.setTimer(delayMs, t -> onTimeout.run());
      return () -> vertx.cancelTimer(id);
    };
  }
}
