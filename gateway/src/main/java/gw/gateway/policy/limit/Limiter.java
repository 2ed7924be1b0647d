package gw.gateway.policy.limit;

import gw.gateway.config.BudgetsConfig.RateLimit;
import io.vertx.core.Future;
import java.util.Optional;

/** Where the per-key RPM/TPM buckets live: this instance ({@link RateLimiter}) or Redis ({@link RedisRateLimiter}). */
public interface Limiter {
  /** Takes one request and {@code tokens}, both or neither; the denial when a limit is reached. */
  Future<Optional<RateLimitDenial>> acquire(String key, RateLimit limit, long tokens);

  /** Gives back what a request reserved but did not use, or takes what it used beyond that; done when applied. */
  Future<Void> settleTokens(String key, RateLimit limit, long reserved, long actual);

  static Limiter local(RateLimiter limiter) {
    return new Limiter() {
      @Override
      public Future<Optional<RateLimitDenial>> acquire(String key, RateLimit limit, long tokens) {
        return Future.succeededFuture(limiter.acquire(key, limit, tokens));
      }

      @Override
      public Future<Void> settleTokens(String key, RateLimit limit, long reserved, long actual) {
        limiter.settleTokens(key, limit, reserved, actual);
        return Future.succeededFuture();
      }
    };
  }
}
