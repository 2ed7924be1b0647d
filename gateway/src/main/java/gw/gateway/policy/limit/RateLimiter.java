package gw.gateway.policy.limit;

import gw.gateway.config.BudgetsConfig.RateLimit;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests and tokens per minute per gateway key, as token buckets. Shared by every event loop:
 * each key has its own lock, held only for a few arithmetic steps.
 */
public final class RateLimiter {
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, KeyBuckets> byKey = new ConcurrentHashMap<>();

  /** Buckets refill by {@code clock}'s milliseconds: a step back pauses the refill, it never adds tokens. */
  public RateLimiter(Clock clock) {
    this(() -> clock.millis() * 1_000_000L);
  }

  /** {@code nanoTime}: a clock in nanoseconds; tests pass their own. */
  public RateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one request and {@code tokens} from the key's buckets, both or neither.
   * Returns the denial when a limit is reached; when both are, the one that takes longer to refill.
   */
  public Optional<RateLimitDenial> acquire(String key, RateLimit limit, long tokens) {
    Optional<RateLimitDenial> neverFits = neverFits(limit, tokens);
    if (neverFits.isPresent() || limit.rpm() == 0 && limit.tpm() == 0) {
      return neverFits;
    }
    KeyBuckets b = byKey.computeIfAbsent(key, k -> new KeyBuckets());
    synchronized (b) {
      b.sync(limit, nanoTime.getAsLong());
      RateLimitDenial rpm = b.requests != null && !b.requests.has(1)
          ? denial(RateLimitDenial.Kind.RPM, b.requests, 1) : null;
      RateLimitDenial tpm = b.tokens != null && !b.tokens.has(tokens)
          ? denial(RateLimitDenial.Kind.TPM, b.tokens, tokens) : null;
      if (rpm != null || tpm != null) {
        return Optional.of(longerWait(rpm, tpm));
      }
      if (b.requests != null) {
        b.requests.take(1);
      }
      if (b.tokens != null) {
        b.tokens.take(tokens);
      }
      return Optional.empty();
    }
  }

  /** Gives back what a request reserved but did not use, or takes what it used beyond that. */
  public void settleTokens(String key, RateLimit limit, long reserved, long actual) {
    KeyBuckets b = byKey.get(key);
    if (limit.tpm() == 0 || b == null) {
      return;
    }
    synchronized (b) {
      b.sync(limit, nanoTime.getAsLong());
      if (b.tokens != null) {
        b.tokens.adjust(reserved - actual);
      }
    }
  }

  /** A request over the whole TPM limit, refused without touching any bucket. */
  static Optional<RateLimitDenial> neverFits(RateLimit limit, long tokens) {
    return limit.tpm() > 0 && tokens > limit.tpm()
        ? Optional.of(new RateLimitDenial(RateLimitDenial.Kind.TPM, limit.tpm(), 0, tokens, 60, true))
        : Optional.empty();
  }

  static RateLimitDenial denial(RateLimitDenial.Kind kind, TokenBucket bucket, long requested) {
    return new RateLimitDenial(kind, bucket.capacity(), bucket.used(), requested, bucket.secondsUntil(requested), false);
  }

  static RateLimitDenial longerWait(RateLimitDenial a, RateLimitDenial b) {
    if (a == null) {
      return b;
    }
    return b == null || a.retryAfterSeconds() >= b.retryAfterSeconds() ? a : b;
  }

  /** One key's buckets; null when that limit is unlimited. */
  private static final class KeyBuckets {
    TokenBucket requests;
    TokenBucket tokens;

    void sync(RateLimit limit, long now) {
      requests = follow(requests, limit.rpm(), now);
      tokens = follow(tokens, limit.tpm(), now);
    }

    private static TokenBucket follow(TokenBucket bucket, long capacity, long now) {
      if (capacity == 0) {
        return null;
      }
      if (bucket == null) {
        return new TokenBucket(capacity, now);
      }
      bucket.refill(now);
      if (bucket.capacity() != capacity) {
        bucket.resize(capacity);
      }
      return bucket;
    }
  }
}
