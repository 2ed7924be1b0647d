package gw.gateway.policy.limit;

/**
 * A bucket holding up to one minute's allowance, refilled continuously at capacity/60 per second.
 * Not thread-safe: {@link RateLimiter} guards it. The level may go below zero when a request used
 * more than it reserved; refill repays the debt first.
 */
final class TokenBucket {
  private static final double MINUTE_NANOS = 60e9;
  /** Absorbs rounding in the refill so a bucket refilled for exactly the right time is full enough. */
  private static final double SLACK = 1e-6;

  private long capacity;
  private double level;
  private long lastNanos;

  TokenBucket(long capacity, long nowNanos) {
    this.capacity = capacity;
    this.level = capacity;
    this.lastNanos = nowNanos;
  }

  /** A bucket at a level read from elsewhere (the shared Redis bucket), to word a denial. */
  static TokenBucket at(long capacity, double level) {
    TokenBucket b = new TokenBucket(capacity, 0);
    b.level = level;
    return b;
  }

  long capacity() {
    return capacity;
  }

  /** Follows a changed limit, keeping what was used. */
  void resize(long newCapacity) {
    level = Math.min(newCapacity, level + (newCapacity - capacity));
    capacity = newCapacity;
  }

  void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      level = Math.min(capacity, level + elapsed * (double) capacity / MINUTE_NANOS);
      lastNanos = nowNanos;
    }
  }

  boolean has(long amount) {
    return level + SLACK >= amount;
  }

  void take(long amount) {
    level -= amount;
  }

  /** Returns unused tokens (positive) or charges extra ones (negative); never above capacity. */
  void adjust(long amount) {
    level = Math.min(capacity, level + amount);
  }

  long used() {
    return (long) Math.ceil(capacity - level - SLACK);
  }

  /** Whole seconds until the bucket holds {@code amount}, at least 1. */
  long secondsUntil(long amount) {
    double missing = amount - level - SLACK;
    long seconds = (long) Math.ceil(missing * 60 / capacity);
    return Math.max(1, seconds);
  }
}
