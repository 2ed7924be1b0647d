package gw.traces.pg;

import gw.traces.store.Availability;
import java.time.Clock;

/** Follows one database's answers: a change between up and down starts a new {@code since}. */
final class AvailabilityTracker {
  private final Clock clock;
  private volatile Availability current;

  AvailabilityTracker(Clock clock) {
    this.clock = clock;
    this.current = Availability.upSince(clock.instant());
  }

  Availability current() {
    return current;
  }

  /** Returns the outage this answer ended, or null when there was none. */
  Availability up() {
    Availability before = current;
    if (before.up()) {
      return null;
    }
    synchronized (this) {
      before = current;
      if (before.up()) {
        return null;
      }
      current = Availability.upSince(clock.instant());
      return before;
    }
  }

  /** Returns true when this failure started an outage. */
  synchronized boolean down(String error) {
    boolean started = current.up();
    current = new Availability(false, started ? clock.instant() : current.since(), error);
    return started;
  }
}
