package gw.gateway.drill;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The drill's waiting, always said out loud: a wait that is not over at once prints what it waits
 * for, how long it may take and what it sees now, so a slow stage is never a silent one.
 */
final class Waits {
  static final long POLL_MS = 250;
  private final PrintStream out;

  Waits(PrintStream out) {
    this.out = out;
  }

  /**
   * Reads until {@code done}; {@code now} says in words what a reading shows (never raw JSON), in
   * the waiting line and in the failure when the timeout passes.
   */
  <T> T poll(String what, Duration timeout, Supplier<T> read, Predicate<T> done, Function<T, String> now) {
    T last = watch(what, timeout, read, done, now);
    if (!done.test(last)) {
      throw new StageFailed("no " + what + " within " + timeout.toSeconds() + " s (last seen: " + now.apply(last) + ")");
    }
    return last;
  }

  /** Like {@link #poll} but hands back the last reading when the timeout passes, for a caller with a plan B. */
  <T> T watch(String what, Duration timeout, Supplier<T> read, Predicate<T> done, Function<T, String> now) {
    Instant deadline = Instant.now().plus(timeout);
    T last = read.get();
    if (done.test(last)) {
      return last;
    }
    out.println("      waiting up to " + timeout.toSeconds() + " s for " + what + " (now: " + now.apply(last) + ")");
    while (!done.test(last) && !Instant.now().isAfter(deadline)) {
      sleepUntil(Instant.now().plusMillis(POLL_MS));
      last = read.get();
    }
    return last;
  }

  /** Waits until {@code until}, saying why first. */
  void pause(Instant until, String why) {
    long ms = Duration.between(Instant.now(), until).toMillis();
    if (ms > 0) {
      out.printf(java.util.Locale.ROOT, "      waiting %.1f s %s%n", ms / 1000.0, why);
      sleepUntil(until);
    }
  }

  static void sleepUntil(Instant t) {
    long ms = Duration.between(Instant.now(), t).toMillis();
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StageFailed("interrupted");
      }
    }
  }
}
