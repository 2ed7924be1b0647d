package gw.gateway.shared;

import gw.traces.store.Availability;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a shared backend (Redis, the PostgreSQL store) answers: up, or degraded since when and
 * why. Each change is logged once and told to the listeners (to resync on return); the gateway keeps
 * serving from local state while it is down.
 */
public final class Dependency {
  private static final Logger LOG = LoggerFactory.getLogger(Dependency.class);

  /** What {@code /admin/health} shows of one backend. */
  public record View(String name, boolean up, Instant since, String lastError) {
    /** The shared store: both of its databases' states as one (down while either is). */
    public static View ofStore(Availability traces, Availability control) {
      Availability down = !traces.up() ? traces : !control.up() ? control : null;
      if (down != null) {
        return new View("store", false, down.since(), down.lastError());
      }
      Instant since = traces.since() == null || control.since() != null && control.since().isAfter(traces.since())
          ? control.since() : traces.since();
      return new View("store", true, since, null);
    }
  }

  private final String name;
  private final Clock clock;
  private final List<Runnable> onReturn = new CopyOnWriteArrayList<>();
  private volatile View view;

  public Dependency(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
    this.view = new View(name, true, clock.instant(), null);
  }

  public boolean isUp() {
    return view.up();
  }

  public View view() {
    return view;
  }

  /** {@code action} runs (on the caller's thread) each time the backend answers again after being down. */
  public void onReturn(Runnable action) {
    onReturn.add(action);
  }

  /** The backend answered. */
  public void succeeded() {
    View was = view;
    if (was.up()) {
      return;
    }
    synchronized (this) {
      if (view.up()) {
        return;
      }
      view = new View(name, true, clock.instant(), null);
    }
    LOG.atWarn().setMessage(name + " is reachable again: resyncing shared state").addKeyValue("dependency", name)
        .addKeyValue("down_since", was.since()).log();
    onReturn.forEach(Runnable::run);
  }

  /** The backend did not answer; {@code cause}'s message must not hold a secret (callers pass client errors). */
  public void failed(Throwable cause) {
    String error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    synchronized (this) {
      if (!view.up()) {
        view = new View(name, false, view.since(), error);
        return;
      }
      view = new View(name, false, clock.instant(), error);
    }
    LOG.atError().setMessage(name + " is unreachable: serving from local state (degraded)")
        .addKeyValue("dependency", name).addKeyValue("error", error).log();
  }
}
