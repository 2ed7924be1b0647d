package gw.gateway.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * For state another process changes in its own time: look again every 50 ms until it shows, or fail.
 * The child gateway's store and metrics announce nothing over HTTP, so polling its admin API is the
 * event there is; the pause only spaces the looks.
 */
public final class Eventually {
  private Eventually() {}

  /** The first non-null answer of {@code probe}; an AssertionError naming {@code what} after {@code timeout}. */
  public static <T> T get(String what, Duration timeout, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }

  /** Waits until {@code condition} holds. */
  public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    get(what, timeout, () -> condition.call() ? Boolean.TRUE : null);
  }
}
