package gw.gateway.policy.limit;

import gw.gateway.config.BudgetsConfig.RateLimit;
import gw.gateway.shared.LuaScript;
import gw.gateway.shared.RedisLink;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One RPM and one TPM bucket per gateway key for the whole fleet, in Redis: one script refills and
 * takes from both, so N instances admit what one would. While Redis is unreachable each instance
 * limits with its own buckets (the fleet may then admit up to N times the limit; docs/DEPLOYMENT.md).
 */
public final class RedisRateLimiter implements Limiter {
  private static final LuaScript TAKE = LuaScript.load("rate_take");
  private static final LuaScript ADJUST = LuaScript.load("rate_adjust");

  private final RateLimiter local;
  private final RedisLink redis;
  private final Clock clock;

  public RedisRateLimiter(RateLimiter local, RedisLink redis, Clock clock) {
    this.local = local;
    this.redis = redis;
    this.clock = clock;
  }

  @Override
  public Future<Optional<RateLimitDenial>> acquire(String key, RateLimit limit, long tokens) {
    Optional<RateLimitDenial> neverFits = RateLimiter.neverFits(limit, tokens);
    if (neverFits.isPresent() || limit.rpm() == 0 && limit.tpm() == 0) {
      return Future.succeededFuture(neverFits);
    }
    if (!redis.isUp()) {
      return Future.succeededFuture(local.acquire(key, limit, tokens));
    }
    return redis.run(TAKE, List.of(bucket(key, "rpm"), bucket(key, "tpm")), List.of(Long.toString(clock.millis()),
            Integer.toString(limit.rpm()), Integer.toString(limit.tpm()), Long.toString(tokens)))
        .transform(ar -> Future.succeededFuture(ar.failed() ? local.acquire(key, limit, tokens)
            : denial(ar.result(), limit, tokens)));
  }

  private static Optional<RateLimitDenial> denial(Response r, RateLimit limit, long tokens) {
    if (r.get(0).toInteger() == 1) {
      return Optional.empty();
    }
    double requests = Double.parseDouble(r.get(1).toString());
    double budget = Double.parseDouble(r.get(2).toString());
    RateLimitDenial rpm = null;
    RateLimitDenial tpm = null;
    if (limit.rpm() > 0) {
      TokenBucket b = TokenBucket.at(limit.rpm(), requests);
      rpm = b.has(1) ? null : RateLimiter.denial(RateLimitDenial.Kind.RPM, b, 1);
    }
    if (limit.tpm() > 0) {
      TokenBucket b = TokenBucket.at(limit.tpm(), budget);
      tpm = b.has(tokens) ? null : RateLimiter.denial(RateLimitDenial.Kind.TPM, b, tokens);
    }
    return Optional.of(RateLimiter.longerWait(rpm, tpm));
  }

  @Override
  public Future<Void> settleTokens(String key, RateLimit limit, long reserved, long actual) {
    if (limit.tpm() == 0 || reserved == actual) {
      return Future.succeededFuture();
    }
    if (!redis.isUp()) {
      local.settleTokens(key, limit, reserved, actual);
      return Future.succeededFuture();
    }
    // Lost when Redis fails meanwhile: a minute's bucket forgives it within the minute.
    return redis.run(ADJUST, List.of(bucket(key, "tpm")), List.of(Long.toString(clock.millis()),
        Integer.toString(limit.tpm()), Long.toString(reserved - actual))).mapEmpty();
  }

  /** Both buckets of a key share a hash tag, so the script also runs on a Redis Cluster. */
  private static String bucket(String key, String kind) {
    return "gw:{rate:" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "}:" + kind;
  }
}
