package gw.gateway.policy.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow-call counting in PERFORMANCE_DEGRADATION's trigger. Calls run on one event loop, as in the
 * gateway, and the slow-call timers are fired by hand instead of waited for.
 */
class UpstreamBreakerTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final Function<Integer, String> FIVE_XX = s -> s >= 500 ? "upstream answered " + s : null;

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final ManualTimers timers = new ManualTimers();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private UpstreamBreaker breaker(int maxFailures, long slowCallMs) {
    return new UpstreamBreaker(vertx, new BreakersConfig.Performance(maxFailures, 30_000, 15_000, slowCallMs, null),
        () -> NOW, timers);
  }

  @Test
  void aCallWithoutAnswerAfterSlowCallMsCountsAsOneFailureAndStillGetsItsAnswer() throws Exception {
    UpstreamBreaker b = breaker(2, 300);
    Promise<Integer> first = Promise.promise();
    Promise<Integer> second = Promise.promise();
    List<Future<Integer>> outcomes = new ArrayList<>();
    onEventLoop(() -> {
      outcomes.add(b.execute(first::future, FIVE_XX));
      outcomes.add(b.execute(second::future, FIVE_XX));
      timers.fire();
    });
    afterTheBreakerCounted();
    Trigger.Snapshot s = b.snapshot();
    assertThat(s.state()).as("opened by the timers, before either call answered").isEqualTo(BreakerState.OPEN);
    assertThat(s.reason()).isEqualTo(
        "2 upstream failures (2 slow calls > 300 ms) within 30 s; last: no response headers after 300 ms");
    assertThat(s.lastTripAt()).isEqualTo(Instant.ofEpochMilli(NOW));

    List<Boolean> called = new ArrayList<>();
    Future<Integer> refused = onEventLoop(() -> {
      first.complete(200);
      second.complete(200);
      return b.execute(() -> {
        called.add(true);
        return Future.succeededFuture(200);
      }, FIVE_XX);
    });
    assertThat(outcomes).as("the slow calls' own answers still reach their callers")
        .allSatisfy(o -> assertThat(o.result()).isEqualTo(200));
    afterTheBreakerCounted();
    assertThat(refused.cause()).isInstanceOf(OpenCircuitException.class);
    assertThat(called).as("no call while open").isEmpty();
    assertThat(b.snapshot().trips()).isEqualTo(1);
  }

  @Test
  void anOperatorsResetClosesABreakerThatOpenedOnItsOwn() throws Exception {
    UpstreamBreaker b = breaker(1, 0);
    onEventLoop(() -> b.execute(() -> Future.succeededFuture(503), FIVE_XX));
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);

    b.reset();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(b.snapshot().trips()).as("the trip stays in the history").isEqualTo(1);
    List<Boolean> called = new ArrayList<>();
    Future<Integer> answered = onEventLoop(() -> b.execute(() -> {
      called.add(true);
      return Future.succeededFuture(200);
    }, FIVE_XX));
    afterTheBreakerCounted();
    assertThat(called).as("the call is made again at once, not after open_seconds").containsExactly(true);
    assertThat(answered.result()).isEqualTo(200);
  }

  @Test
  void anAnswerBeforeSlowCallMsCancelsTheTimerAndIsNotCounted() throws Exception {
    UpstreamBreaker b = breaker(1, 300);
    Promise<Integer> call = Promise.promise();
    Future<Integer> outcome = onEventLoop(() -> {
      Future<Integer> o = b.execute(call::future, FIVE_XX);
      call.complete(200);
      timers.fire();
      return o;
    });
    afterTheBreakerCounted();
    assertThat(outcome.result()).isEqualTo(200);
    assertThat(timers.cancelled).isEqualTo(1);
    Trigger.Snapshot s = b.snapshot();
    assertThat(s.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(s.trips()).isZero();
    assertThat(s.lastTripAt()).isNull();
  }

  @Test
  void aSlowCallThatLaterFailsIsCountedOnce() throws Exception {
    UpstreamBreaker b = breaker(3, 300);
    Promise<Integer> answersLate500 = Promise.promise();
    Promise<Integer> failsLate = Promise.promise();
    List<Future<Integer>> outcomes = new ArrayList<>();
    onEventLoop(() -> {
      outcomes.add(b.execute(answersLate500::future, FIVE_XX));
      outcomes.add(b.execute(failsLate::future, FIVE_XX));
      timers.fire();
    });
    afterTheBreakerCounted();
    onEventLoop(() -> {
      answersLate500.complete(500);
      failsLate.fail("connection reset");
    });
    afterTheBreakerCounted();
    assertThat(outcomes.get(0).result()).as("the 5xx itself still reaches the caller").isEqualTo(500);
    assertThat(outcomes.get(1).cause()).hasMessage("connection reset");
    assertThat(b.snapshot().state()).as("two failures so far, not four").isEqualTo(BreakerState.CLOSED);

    onEventLoop(() -> b.execute(() -> Future.succeededFuture(503), FIVE_XX));
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
    assertThat(b.snapshot().reason()).isEqualTo(
        "3 upstream failures (2 slow calls > 300 ms) within 30 s; last: upstream answered 503");
  }

  @Test
  void failuresWithoutSlowCallsSayNothingAboutSlowCalls() throws Exception {
    UpstreamBreaker b = breaker(2, 0);
    onEventLoop(() -> {
      b.execute(() -> Future.succeededFuture(500), FIVE_XX);
      b.execute(() -> Future.failedFuture("connection refused"), FIVE_XX);
    });
    afterTheBreakerCounted();
    assertThat(timers.started).as("slow_call_ms 0: no timer").isZero();
    assertThat(b.snapshot().reason()).isEqualTo("2 upstream failures within 30 s; last: connection refused");
  }

  /** The breaker counts a verdict in a task of its own; this waits for the tasks queued so far. */
  private void afterTheBreakerCounted() throws Exception {
    onEventLoop(() -> { });
  }

  private void onEventLoop(Runnable body) throws Exception {
    onEventLoop(() -> {
      body.run();
      return null;
    });
  }

  /** Runs the body on the test's one event loop, after the tasks queued there so far. */
  private <T> T onEventLoop(Supplier<T> body) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        done.complete(body.get());
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    try {
      return done.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Timers the test fires itself: {@link #fire()} runs every one not cancelled yet. */
  private static final class ManualTimers implements Timers {
    private final List<Runnable> pending = new ArrayList<>();
    int started;
    int cancelled;

    @Override
    public Runnable start(long delayMs, Runnable onTimeout) {
      started++;
      pending.add(onTimeout);
      return () -> {
        if (pending.remove(onTimeout)) {
          cancelled++;
        }
      };
    }

    void fire() {
      List<Runnable> due = new ArrayList<>(pending);
      pending.clear();
      due.forEach(Runnable::run);
    }
  }
}
