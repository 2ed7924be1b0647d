package gw.gateway.policy.breaker;

import gw.gateway.chain.Causes;
import gw.gateway.time.Timers;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * PERFORMANCE_DEGRADATION's trigger: Vert.x's circuit breaker around the upstream call. It opens
 * after {@code maxFailures} failed calls (connect errors, timeouts, 5xx, slow or stalled calls as
 * {@link CallPace} judges them) within the window, fails fast while open, and after
 * {@code openMs} lets one probe call through (half-open).
 */
public final class UpstreamBreaker implements Trigger {
  private record Failure(long atMs, boolean slow, String what) {}

  private final Vertx vertx;
  private volatile CircuitBreaker breaker;
  private final BreakersConfig.Performance config;
  private final LongSupplier clockMs;
  private final Timers timers;
  // The failures the vertx breaker counted, newest last, so a trip can say what they were.
  private final Deque<Failure> recent = new ArrayDeque<>();
  private long trips;
  private String reason;
  private Instant lastTripAt;
  private boolean probing;

  public UpstreamBreaker(Vertx vertx, BreakersConfig.Performance config, LongSupplier clockMs) {
    this(vertx, config, clockMs, Timers.of(vertx));
  }

  UpstreamBreaker(Vertx vertx, BreakersConfig.Performance config, LongSupplier clockMs, Timers timers) {
    this.config = config;
    this.clockMs = clockMs;
    this.timers = timers;
    this.vertx = vertx;
    this.breaker = newBreaker();
  }

  private CircuitBreaker newBreaker() {
    CircuitBreaker cb = CircuitBreaker.create("upstream", vertx, new CircuitBreakerOptions()
        .setMaxFailures(config.maxFailures())
        .setTimeout(-1) // the forward step has its own timeouts
        .setResetTimeout(config.openMs())
        .setFailuresRollingWindow(config.windowMs())
        .setNotificationAddress(null)
        .setFallbackOnFailure(false));
    // A breaker replaced by reset() may still hear from calls it let through: only the current one reports.
    cb.openHandler(v -> {
      if (cb == breaker) {
        tripped();
      }
    });
    cb.halfOpenHandler(v -> {
      if (cb == breaker) {
        halfOpened();
      }
    });
    cb.closeHandler(v -> {
      if (cb == breaker) {
        closed();
      }
    });
    return cb;
  }

  /**
   * A new judge of one call's pace: {@code stream} for an SSE answer; {@code maxTokens} the output
   * tokens the request allows (null: not named; 0: nothing generated, as for embeddings).
   */
  public CallPace pace(boolean stream, Long maxTokens) {
    return new CallPace(config, clockMs, timers, stream, maxTokens);
  }

  /**
   * Runs the call through the breaker (failing with {@code OpenCircuitException} while open) and
   * returns the call's own outcome, untouched. The breaker judges a separate verdict, settled once
   * by whatever comes first: the call failing, an answer {@code failureOf} names a failure (or
   * null), or {@code pace} finding the call slow or, once the answer is over, fine. The caller feeds
   * the pace as the answer arrives and closes it when done with the call.
   */
  public <T> Future<T> execute(CallPace pace, Supplier<Future<T>> call, Function<T, String> failureOf) {
    Promise<T> outcome = Promise.promise();
    Promise<Void> counted = Promise.promise();
    breaker.<Void>execute(() -> judge(pace, call, failureOf, counted.future(), outcome)).onComplete(judged -> {
      counted.complete();
      if (judged.cause() instanceof OpenCircuitException open) {
        outcome.fail(open); // the call was not made
      }
    });
    return outcome.future();
  }

  private <T> Future<Void> judge(CallPace pace, Supplier<Future<T>> call, Function<T, String> failureOf,
      Future<Void> counted, Promise<T> outcome) {
    Promise<Void> verdict = Promise.promise();
    if (pace.judges()) {
      pace.start(slow -> fail(verdict, true, slow), verdict::tryComplete);
    }
    call.get().onComplete(answer -> {
      String failure = answer.failed() ? Causes.describe(answer.cause()) : failureOf.apply(answer.result());
      if (failure == null) {
        if (!pace.judges()) {
          verdict.tryComplete();
        }
        outcome.handle(answer); // a success cannot open the breaker: no need to wait for it to be counted
        return;
      }
      pace.stop();
      fail(verdict, false, failure);
      // The breaker counts a verdict a tick later; a retry must find it open if this failure opened it.
      counted.onComplete(c -> outcome.handle(answer));
    });
    return verdict.future();
  }

  /** Counts a failure once per call: a slow call that fails later has already been counted. */
  private void fail(Promise<Void> verdict, boolean slow, String what) {
    // The slow-call timer and the answer both run on the caller's event loop: no race between them.
    if (verdict.future().isComplete()) {
      return;
    }
    remember(new Failure(clockMs.getAsLong(), slow, what));
    verdict.fail(what); // the breaker counts it a tick later, and may then call tripped()
  }

  private synchronized void remember(Failure failure) {
    recent.addLast(failure);
    while (recent.size() > config.maxFailures()
        || failure.atMs() - recent.peekFirst().atMs() >= config.windowMs()) {
      recent.removeFirst();
    }
  }

  private synchronized void tripped() {
    trips++;
    lastTripAt = Instant.ofEpochMilli(clockMs.getAsLong());
    String last = recent.isEmpty() ? "unknown" : recent.peekLast().what();
    reason = probing ? "probe failed: " + last : config.maxFailures() + " upstream failures" + slowPart()
        + " within " + seconds(config.windowMs()) + " s; last: " + last;
    probing = false;
  }

  private String slowPart() {
    long slow = recent.stream().filter(Failure::slow).count();
    return slow == 0 ? "" : " (" + slow + " slow call" + (slow == 1 ? "" : "s") + ")";
  }

  private synchronized void halfOpened() {
    probing = true;
  }

  /** The vertx breaker forgets its failures when it closes; so does the reason's memory. */
  private synchronized void closed() {
    probing = false;
    recent.clear();
  }

  @Override
  public Snapshot snapshot() {
    BreakerState state = switch (breaker.state()) {
      case CLOSED -> BreakerState.CLOSED;
      case OPEN -> BreakerState.OPEN;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
    };
    synchronized (this) {
      return new Snapshot(state, reason, trips, lastTripAt);
    }
  }

  @Override
  public void reset() {
    // Vert.x's reset() leaves an open breaker open until its reset timeout: a fresh one starts closed.
    CircuitBreaker old = breaker;
    breaker = newBreaker();
    old.close();
    closed();
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
  }
}
