package gw.gateway.policy.breaker;

import gw.gateway.time.Timers;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Whether one upstream call is slow, judged by what its caller waits rather than by how long the
 * answer is (a 600-token answer at 70 tokens/s takes 8.5 s and is healthy):
 * <ul>
 *   <li>a stream is slow when its first token takes more than {@code slow_call_ms}, or when it then
 *   falls more than {@code slow_call_ms} behind {@code min_tokens_per_second}, or goes
 *   {@code slow_call_ms} without a token;</li>
 *   <li>a JSON answer (headers and body come at the end) is slow when its total time exceeds
 *   {@code slow_call_ms} + its output tokens at {@code min_tokens_per_second}; one with no answer at
 *   all is stalled after {@code slow_call_ms} + its {@code max_tokens} at that speed, at most
 *   {@code max_stall_ms} (as long as that when it names no {@code max_tokens}).</li>
 * </ul>
 * One timer at a time, re-armed only when it fires early, so a long stream costs no timer per token.
 * Every method runs on the call's event loop. Settled once: slow, or fine when the answer is over.
 */
public final class CallPace {
  private final BreakersConfig.Performance config;
  private final LongSupplier clockMs;
  private final Timers timers;
  private final boolean stream;
  private final long stallMs;
  private Consumer<String> onSlow;
  private Runnable onFine;
  private boolean settled = true; // until started
  private long startedAt;
  private long firstTokenAt = -1;
  private long lastTokenAt;
  private long tokens;
  private long deadline;
  private Runnable cancelTimer = () -> { };

  /** Judges nothing: for a request that made no judged call. */
  public static final CallPace NONE = new CallPace();

  private CallPace() {
    this.config = null;
    this.clockMs = null;
    this.timers = null;
    this.stream = false;
    this.stallMs = 0;
  }

  /**
   * {@code maxTokens}: the output tokens the request allows, null when it names none; 0 for a call that
   * generates nothing (embeddings).
   */
  CallPace(BreakersConfig.Performance config, LongSupplier clockMs, Timers timers, boolean stream, Long maxTokens) {
    this.config = config;
    this.clockMs = clockMs;
    this.timers = timers;
    this.stream = stream;
    this.stallMs = stream ? config.slowCallMs() : maxTokens == null ? config.maxStallMs()
        : Math.min(config.maxStallMs(), config.slowCallMs() + Math.round(maxTokens * config.msPerToken()));
  }

  boolean judges() {
    return config != null && config.slowCallMs() > 0;
  }

  /** The call is sent: the stall timer starts. */
  void start(Consumer<String> onSlow, Runnable onFine) {
    this.onSlow = onSlow;
    this.onFine = onFine;
    settled = false;
    startedAt = clockMs.getAsLong();
    deadline = startedAt + stallMs;
    arm(stallMs);
  }

  /** The call failed and was counted as such: nothing left to judge. */
  void stop() {
    cancelTimer.run();
    settled = true;
  }

  /** A piece of a streamed answer with about {@code count} tokens arrived. */
  public void streamed(long count) {
    if (settled || count <= 0) {
      return;
    }
    long now = clockMs.getAsLong();
    if (firstTokenAt < 0) {
      firstTokenAt = now;
    }
    tokens += count;
    lastTokenAt = now;
    deadline = Math.min(behindRateAt(), now + config.slowCallMs());
  }

  /** A non-streamed answer arrived whole with {@code outputTokens}: judged now. */
  public void answered(long outputTokens) {
    if (settled) {
      return;
    }
    long took = clockMs.getAsLong() - startedAt;
    long allowed = config.slowCallMs() + Math.round(outputTokens * config.msPerToken());
    if (!stream && took > allowed) {
      slow("answered " + outputTokens + " tokens in " + took + " ms, over the " + allowed
          + " ms allowed (slow_call_ms + " + outputTokens + " tokens at min_tokens_per_second)");
    } else {
      close();
    }
  }

  /** The answer is over (or abandoned): a call not found slow by now was fine. */
  public void close() {
    if (!settled) {
      settled = true;
      cancelTimer.run();
      onFine.run();
    }
  }

  /** When a stream that keeps its current count falls further behind the rate than slow_call_ms. */
  private long behindRateAt() {
    return firstTokenAt + config.slowCallMs() + Math.round(tokens * config.msPerToken());
  }

  private void arm(long delayMs) {
    cancelTimer = timers.start(Math.max(1, delayMs), this::due);
  }

  private void due() {
    if (settled) {
      return;
    }
    long now = clockMs.getAsLong();
    if (now < deadline) {
      arm(deadline - now); // tokens came in since the timer was set
      return;
    }
    slow(reason(now));
  }

  private String reason(long now) {
    if (!stream) {
      return "no answer after " + stallMs + " ms (slow_call_ms + max_tokens at min_tokens_per_second, at most max_stall_ms)";
    }
    if (firstTokenAt < 0) {
      return "no first token after " + config.slowCallMs() + " ms";
    }
    if (now - lastTokenAt >= config.slowCallMs()) {
      return "stream stalled: no token for " + (now - lastTokenAt) + " ms after " + tokens + " tokens";
    }
    return "stream fell behind min_tokens_per_second: " + tokens + " tokens in " + (now - firstTokenAt)
        + " ms after the first";
  }

  private void slow(String what) {
    settled = true;
    cancelTimer.run();
    onSlow.accept(what);
  }
}
