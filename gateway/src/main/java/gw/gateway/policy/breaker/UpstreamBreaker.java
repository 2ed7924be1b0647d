package gw.gateway.policy.breaker;

import gw.gateway.chain.Causes;
import gw.gateway.time.Timers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * PERFORMANCE_DEGRADATION's trigger: a circuit breaker around the upstream call, on the gateway's
 * clock. It opens after {@code maxFailures} failed calls (connect errors, timeouts, 5xx, slow or
 * stalled calls as {@link CallPace} judges them) within the window, fails fast while open, and
 * after {@code openMs} lets one probe call through (half-open): a good probe closes it, a bad one
 * opens it again. Calls come from every event loop, so the state is guarded by this object.
 */
public final class UpstreamBreaker implements Trigger {
  private record Failure(long atMs, boolean slow, String what) {}

  /** A call refused because the circuit is open (or half-open with its probe already out). */
  public static final class CircuitOpen extends RuntimeException {
    CircuitOpen() {
      super("open circuit", null, false, false);
    }
  }

  private final BreakersConfig.Performance config;
  private final LongSupplier clockMs;
  private final Timers timers;
  // The failures within the window, newest last: what the trip counts and what its reason names.
  private final Deque<Failure> recent = new ArrayDeque<>();
  private BreakerState state = BreakerState.CLOSED;
  private long openedAtMs;
  private boolean probeOut;
  // Bumped by reset(): verdicts of calls let through before it no longer count.
  private long generation;
  private long trips;
  private String reason;
  private Instant lastTripAt;

  private volatile Consumer<String> onTrip = why -> { };

  public UpstreamBreaker(Vertx vertx, BreakersConfig.Performance config, LongSupplier clockMs) {
    this(config, clockMs, Timers.of(vertx));
  }

  UpstreamBreaker(BreakersConfig.Performance config, LongSupplier clockMs, Timers timers) {
    this.config = config;
    this.clockMs = clockMs;
    this.timers = timers;
  }

  /**
   * A new judge of one call's pace: {@code stream} for an SSE answer; {@code maxTokens} the output
   * tokens the request allows (null: not named; 0: nothing generated, as for embeddings).
   */
  public CallPace pace(boolean stream, Long maxTokens) {
    return new CallPace(config, clockMs, timers, stream, maxTokens);
  }

  /**
   * Runs the call through the breaker (failing with {@link CircuitOpen} while open) and returns the
   * call's own outcome, untouched. The breaker judges a separate verdict, settled once by whatever
   * comes first: the call failing, an answer {@code failureOf} names a failure (or null), or
   * {@code pace} finding the call slow or, once the answer is over, fine. A failure is counted
   * before the caller hears of it, so a retry finds the breaker open if it opened. The caller feeds
   * the pace as the answer arrives and closes it when done with the call.
   */
  public <T> Future<T> execute(CallPace pace, Supplier<Future<T>> call, Function<T, String> failureOf) {
    Admission admission = admit();
    if (admission == null) {
      return Future.failedFuture(new CircuitOpen());
    }
    Promise<T> outcome = Promise.promise();
    AtomicBoolean judged = new AtomicBoolean();
    Consumer<Failure> verdict = failure -> { // null: the call was fine; only the first verdict counts
      if (judged.compareAndSet(false, true)) {
        settle(admission, failure);
      }
    };
    if (pace.judges()) {
      pace.start(slow -> verdict.accept(new Failure(clockMs.getAsLong(), true, slow)), () -> verdict.accept(null));
    }
    call.get().onComplete(answer -> {
      String failure = answer.failed() ? Causes.describe(answer.cause()) : failureOf.apply(answer.result());
      if (failure == null) {
        if (!pace.judges()) {
          verdict.accept(null);
        }
      } else {
        pace.stop();
        verdict.accept(new Failure(clockMs.getAsLong(), false, failure));
      }
      outcome.handle(answer);
    });
    return outcome.future();
  }

  /** A call let through, and whether it is the half-open probe; null when the call is refused. */
  private record Admission(long generation, boolean probe) {}

  private synchronized Admission admit() {
    halfOpenIfDue();
    return switch (state) {
      case CLOSED -> new Admission(generation, false);
      case OPEN -> null;
      case HALF_OPEN -> {
        if (probeOut) {
          yield null;
        }
        probeOut = true;
        yield new Admission(generation, true);
      }
    };
  }

  /** An open circuit half-opens once {@code openMs} has passed on the clock, whoever asks first. */
  private void halfOpenIfDue() {
    if (state == BreakerState.OPEN && clockMs.getAsLong() - openedAtMs >= config.openMs()) {
      state = BreakerState.HALF_OPEN;
      probeOut = false;
    }
  }

  private synchronized void settle(Admission admission, Failure failure) {
    if (admission.generation() != generation) {
      return;
    }
    if (admission.probe()) {
      probeOut = false;
      if (failure == null) {
        close();
      } else {
        open(failure.atMs(), "probe failed: " + failure.what());
      }
      return;
    }
    if (failure == null || state != BreakerState.CLOSED) {
      return; // a call let through before the circuit opened adds nothing to an open one
    }
    recent.addLast(failure);
    while (recent.size() > config.maxFailures()
        || failure.atMs() - recent.peekFirst().atMs() >= config.windowMs()) {
      recent.removeFirst();
    }
    if (recent.size() >= config.maxFailures()) {
      open(failure.atMs(), config.maxFailures() + " upstream failures" + slowPart() + " within "
          + seconds(config.windowMs()) + " s; last: " + failure.what());
      onTrip.accept(reason);
    }
  }

  private void open(long nowMs, String why) {
    state = BreakerState.OPEN;
    openedAtMs = nowMs;
    trips++;
    lastTripAt = Instant.ofEpochMilli(nowMs);
    reason = why;
  }

  private void close() {
    state = BreakerState.CLOSED;
    recent.clear();
  }

  private String slowPart() {
    long slow = recent.stream().filter(Failure::slow).count();
    return slow == 0 ? "" : " (" + slow + " slow call" + (slow == 1 ? "" : "s") + ")";
  }

  @Override
  public synchronized Snapshot snapshot() {
    halfOpenIfDue();
    return new Snapshot(state, reason, trips, lastTripAt);
  }

  /** An operator's reset: closed at once, and calls already let through no longer count. */
  @Override
  public synchronized void reset() {
    generation++;
    probeOut = false;
    close();
  }

  @Override
  public synchronized void tripFromPeer(String why) {
    halfOpenIfDue();
    if (state == BreakerState.CLOSED) {
      open(clockMs.getAsLong(), why);
    }
  }

  @Override
  public void onTrip(Consumer<String> listener) {
    this.onTrip = listener;
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
  }
}
