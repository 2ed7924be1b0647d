package gw.gateway.testing;

import gw.gateway.time.Timers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Timers on the test's clock: {@link #advance} moves the clock and runs each timer as it falls due. */
public final class ManualTimers implements Timers {
  private record Pending(long dueAt, Runnable action) {}

  private final AtomicLong clock;
  private final List<Pending> pending = new ArrayList<>();
  /** Timers started and timers cancelled before they fired. */
  public int started;
  public int cancelled;

  public ManualTimers(AtomicLong clock) {
    this.clock = clock;
  }

  @Override
  public Runnable start(long delayMs, Runnable onTimeout) {
    started++;
    Pending p = new Pending(clock.get() + delayMs, onTimeout);
    pending.add(p);
    return () -> {
      if (pending.remove(p)) {
        cancelled++;
      }
    };
  }

  public int pending() {
    return pending.size();
  }

  public void advance(long ms) {
    long until = clock.get() + ms;
    while (true) {
      Pending next = pending.stream().filter(p -> p.dueAt() <= until)
          .min(java.util.Comparator.comparingLong(Pending::dueAt)).orElse(null);
      if (next == null) {
        break;
      }
      pending.remove(next);
      clock.set(next.dueAt());
      next.action().run();
    }
    clock.set(until);
  }
}
