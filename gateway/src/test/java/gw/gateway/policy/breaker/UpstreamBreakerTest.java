package gw.gateway.policy.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.ManualTimers;
import gw.gateway.time.Timers;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow-call counting in PERFORMANCE_DEGRADATION's trigger: a call is slow by what its caller waits,
 * not by the answer's length. Calls run on one event loop, as in the gateway; the clock and the
 * timers are the test's, so time passes only when a test moves it.
 */
class UpstreamBreakerTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final Function<Integer, String> FIVE_XX = s -> s >= 500 ? "upstream answered " + s : null;

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final AtomicLong clock = new AtomicLong(NOW);
  private final ManualTimers timers = new ManualTimers(clock);

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  /** slow_call_ms as given, 20 tokens/s (50 ms a token), max_stall_ms 20 s. */
  private UpstreamBreaker breaker(int maxFailures, long slowCallMs) {
    return new UpstreamBreaker(new BreakersConfig.Performance(maxFailures, 30_000, 15_000, slowCallMs, 20,
        20_000, null), clock::get, timers);
  }

  private static <T> Future<T> run(UpstreamBreaker b, CallPace pace, Promise<T> call, Function<T, String> failureOf) {
    return b.execute(pace, call::future, failureOf);
  }

  @Test
  void aStreamWithoutAFirstTokenAfterSlowCallMsCountsAsOneFailureAndStillGetsItsAnswer() throws Exception {
    UpstreamBreaker b = breaker(2, 300);
    Promise<Integer> first = Promise.promise();
    Promise<Integer> second = Promise.promise();
    List<Future<Integer>> outcomes = new ArrayList<>();
    onEventLoop(() -> {
      outcomes.add(run(b, b.pace(true, null), first, FIVE_XX));
      outcomes.add(run(b, b.pace(true, null), second, FIVE_XX));
      timers.advance(299);
    });
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    onEventLoop(() -> timers.advance(1));
    afterTheBreakerCounted();
    Trigger.Snapshot s = b.snapshot();
    assertThat(s.state()).as("opened by the timers, before either call answered").isEqualTo(BreakerState.OPEN);
    assertThat(s.reason()).isEqualTo("2 upstream failures (2 slow calls) within 30 s; last: no first token after 300 ms");
    assertThat(s.lastTripAt()).isEqualTo(Instant.ofEpochMilli(NOW + 300));

    List<Boolean> called = new ArrayList<>();
    Future<Integer> refused = onEventLoop(() -> {
      first.complete(200);
      second.complete(200);
      return b.execute(b.pace(false, null), () -> {
        called.add(true);
        return Future.succeededFuture(200);
      }, FIVE_XX);
    });
    assertThat(outcomes).as("the slow calls' own answers still reach their callers")
        .allSatisfy(o -> assertThat(o.result()).isEqualTo(200));
    afterTheBreakerCounted();
    assertThat(refused.cause()).isInstanceOf(UpstreamBreaker.CircuitOpen.class);
    assertThat(called).as("no call while open").isEmpty();
    assertThat(b.snapshot().trips()).isEqualTo(1);
  }

  @Test
  void anOperatorsResetClosesABreakerThatOpenedOnItsOwn() throws Exception {
    UpstreamBreaker b = breaker(1, 0);
    onEventLoop(() -> b.execute(b.pace(false, null), () -> Future.succeededFuture(503), FIVE_XX));
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);

    b.reset();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(b.snapshot().trips()).as("the trip stays in the history").isEqualTo(1);
    List<Boolean> called = new ArrayList<>();
    Future<Integer> answered = onEventLoop(() -> b.execute(b.pace(false, null), () -> {
      called.add(true);
      return Future.succeededFuture(200);
    }, FIVE_XX));
    afterTheBreakerCounted();
    assertThat(called).as("the call is made again at once, not after open_seconds").containsExactly(true);
    assertThat(answered.result()).isEqualTo(200);
  }

  @Test
  void anAnswerWithinItsAllowanceCancelsTheTimerAndIsNotCounted() throws Exception {
    UpstreamBreaker b = breaker(1, 300);
    Promise<Integer> call = Promise.promise();
    CallPace pace = b.pace(false, 0L);
    Future<Integer> outcome = onEventLoop(() -> {
      Future<Integer> o = run(b, pace, call, FIVE_XX);
      timers.advance(250);
      call.complete(200);
      pace.answered(0);
      timers.advance(10_000);
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
      outcomes.add(run(b, b.pace(true, null), answersLate500, FIVE_XX));
      outcomes.add(run(b, b.pace(true, null), failsLate, FIVE_XX));
      timers.advance(300);
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

    onEventLoop(() -> b.execute(b.pace(false, null), () -> Future.succeededFuture(503), FIVE_XX));
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
    assertThat(b.snapshot().reason()).isEqualTo(
        "3 upstream failures (2 slow calls) within 30 s; last: upstream answered 503");
  }

  @Test
  void failuresWithoutSlowCallsSayNothingAboutSlowCalls() throws Exception {
    UpstreamBreaker b = breaker(2, 0);
    onEventLoop(() -> {
      b.execute(b.pace(false, null), () -> Future.succeededFuture(500), FIVE_XX);
      b.execute(b.pace(false, null), () -> Future.failedFuture("connection refused"), FIVE_XX);
    });
    afterTheBreakerCounted();
    assertThat(timers.started).as("slow_call_ms 0: no timer").isZero();
    assertThat(b.snapshot().reason()).isEqualTo("2 upstream failures within 30 s; last: connection refused");
  }

  @Test
  void aLongHealthyJsonAnswerIsNotSlow() throws Exception {
    // The field report: 600 tokens at 70 tokens/s after a 0.5 s first token, headers only at the end.
    UpstreamBreaker b = breaker(1, 5000);
    Promise<Integer> call = Promise.promise();
    CallPace pace = b.pace(false, null);
    onEventLoop(() -> {
      run(b, pace, call, FIVE_XX);
      timers.advance(500 + 600 * 1000 / 70);
      call.complete(200);
      pace.answered(600);
    });
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(timers.pending()).as("the stall timer is cancelled with the answer").isZero();
  }

  @Test
  void aJsonAnswerSlowForItsLengthCountsWhenItArrives() throws Exception {
    UpstreamBreaker b = breaker(1, 5000);
    Promise<Integer> call = Promise.promise();
    CallPace pace = b.pace(false, null);
    Future<Integer> outcome = onEventLoop(() -> {
      Future<Integer> o = run(b, pace, call, FIVE_XX);
      timers.advance(8000);
      call.complete(200);
      pace.answered(50);
      return o;
    });
    afterTheBreakerCounted();
    assertThat(outcome.result()).isEqualTo(200);
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
    assertThat(b.snapshot().reason()).endsWith("last: answered 50 tokens in 8000 ms, over the 7500 ms allowed "
        + "(slow_call_ms + 50 tokens at min_tokens_per_second)");
  }

  @Test
  void aStalledJsonCallCountsWithinSlowCallMsPlusItsMaxTokensAtTheMinimumRate() throws Exception {
    UpstreamBreaker withLimit = breaker(1, 5000);
    onEventLoop(() -> {
      run(withLimit, withLimit.pace(false, 100L), Promise.<Integer>promise(), FIVE_XX);
      timers.advance(9_999);
    });
    afterTheBreakerCounted();
    assertThat(withLimit.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    onEventLoop(() -> timers.advance(1));
    afterTheBreakerCounted();
    assertThat(withLimit.snapshot().state()).as("5 s + 100 tokens at 20/s").isEqualTo(BreakerState.OPEN);
    assertThat(withLimit.snapshot().reason()).endsWith("last: no answer after 10000 ms "
        + "(slow_call_ms + max_tokens at min_tokens_per_second, at most max_stall_ms)");

    UpstreamBreaker unlimited = breaker(1, 5000);
    onEventLoop(() -> {
      run(unlimited, unlimited.pace(false, null), Promise.<Integer>promise(), FIVE_XX);
      run(unlimited, unlimited.pace(false, 100_000L), Promise.<Integer>promise(), FIVE_XX);
      timers.advance(19_999);
    });
    afterTheBreakerCounted();
    assertThat(unlimited.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    onEventLoop(() -> timers.advance(1));
    afterTheBreakerCounted();
    assertThat(unlimited.snapshot().state()).as("no max_tokens, or a huge one: max_stall_ms").isEqualTo(BreakerState.OPEN);
  }

  @Test
  void aLongHealthyStreamIsNotSlowAndCostsNoTimerPerToken() throws Exception {
    UpstreamBreaker b = breaker(1, 5000);
    Promise<Integer> call = Promise.promise();
    CallPace pace = b.pace(true, null);
    onEventLoop(() -> {
      run(b, pace, call, FIVE_XX);
      timers.advance(1_000);
      call.complete(200);
      for (int piece = 0; piece < 200; piece++) { // 1,000 tokens at 70 tokens/s, five to a piece
        pace.streamed(5);
        timers.advance(71);
      }
      pace.close();
    });
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    assertThat(timers.started).as("re-armed only when it fired early").isLessThan(10);
  }

  @Test
  void aStreamThatStallsMidwayCountsAfterSlowCallMsWithoutAToken() throws Exception {
    UpstreamBreaker b = breaker(1, 5000);
    Promise<Integer> call = Promise.promise();
    CallPace pace = b.pace(true, null);
    onEventLoop(() -> {
      run(b, pace, call, FIVE_XX);
      timers.advance(500);
      call.complete(200);
      for (int piece = 0; piece < 20; piece++) {
        pace.streamed(5);
        timers.advance(70);
      }
      timers.advance(5_000 - 70 - 1);
    });
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    onEventLoop(() -> timers.advance(1));
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
    assertThat(b.snapshot().reason()).endsWith("last: stream stalled: no token for 5000 ms after 100 tokens");
  }

  @Test
  void aStreamTricklingBelowTheMinimumRateCounts() throws Exception {
    UpstreamBreaker b = breaker(1, 5000);
    Promise<Integer> call = Promise.promise();
    CallPace pace = b.pace(true, null);
    onEventLoop(() -> {
      run(b, pace, call, FIVE_XX);
      call.complete(200);
      for (int token = 0; token < 60; token++) { // 5 tokens/s against a minimum of 20
        pace.streamed(1);
        timers.advance(200);
      }
    });
    afterTheBreakerCounted();
    assertThat(b.snapshot().state()).isEqualTo(BreakerState.OPEN);
    assertThat(b.snapshot().reason()).contains("last: stream fell behind min_tokens_per_second: 34 tokens in 6");
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
}
