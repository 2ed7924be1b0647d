package gw.gateway.policy.breaker;

import gw.gateway.chain.Exchange;
import gw.gateway.incident.IncidentClass;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One incident class's breaker: an operator's mode over an automatic {@link Trigger}. Forced modes
 * win; {@code auto} defers to the trigger; {@code observe} runs the trigger too, but {@link #act}
 * only records what would have been done. Thread-safe.
 */
public final class Breaker {
  private final IncidentClass incidentClass;
  private final Trigger trigger;
  private final LongAdder interceptions = new LongAdder();
  private final LongAdder observed = new LongAdder();
  private volatile ModeChange mode;

  /** The last mode an operator set (or the mode configured at start), with who, why and when. */
  public record ModeChange(BreakerMode mode, String reason, String actor, Instant at) {
    static final ModeChange INITIAL = configured(BreakerMode.AUTO);

    /** breakers.json's mode: no operator, no time. */
    static ModeChange configured(BreakerMode mode) {
      return new ModeChange(mode, null, null, null);
    }
  }

  /** What {@code GET /admin/breakers} shows for one class. */
  public record View(IncidentClass incidentClass, BreakerMode mode, BreakerState state, BreakerState autoState,
      String tripReason, long trips, Instant lastTripAt, long interceptions, long observed,
      ModeChange lastModeChange) {}

  public Breaker(IncidentClass incidentClass, Trigger trigger) {
    this.incidentClass = incidentClass;
    this.trigger = trigger;
    this.mode = ModeChange.INITIAL;
  }

  public IncidentClass incidentClass() {
    return incidentClass;
  }

  public BreakerMode mode() {
    return mode.mode();
  }

  /** For window triggers: forced modes first, then the trigger's own verdict. */
  public Verdict decide() {
    return switch (mode.mode()) {
      case FORCED_OPEN -> Verdict.INTERCEPT;
      case FORCED_CLOSED -> Verdict.PASS;
      case AUTO, OBSERVE -> trigger instanceof WindowBreaker w ? w.admit() : Verdict.PASS;
    };
  }

  /**
   * One request the trigger (or an operator) wants mitigated with {@code actions} (none when the
   * mitigation changes nothing visible, e.g. a request already on the known-good model). Returns true
   * when the caller must apply them: they are recorded and the request counts as an interception. In
   * observe mode it returns false: they go to the request's would-have list, the request counts once
   * as observed (however many tries ask again), and it must pass untouched.
   */
  public boolean act(Exchange exchange, String... actions) {
    if (mode.mode() == BreakerMode.OBSERVE) {
      boolean askedBefore = actions.length > 0 && exchange.observedActions().containsAll(List.of(actions));
      if (!askedBefore) {
        observed.increment();
      }
      for (String action : actions) {
        exchange.addObservedAction(action);
      }
      return false;
    }
    interceptions.increment();
    for (String action : actions) {
      exchange.addAction(action);
    }
    return true;
  }

  /** An operator's change; returning to auto clears the trigger, so it starts closed. */
  public ModeChange setMode(ModeChange change) {
    ModeChange previous = mode;
    mode = change;
    if (change.mode() != BreakerMode.FORCED_OPEN) {
      trigger.reset();
    }
    return previous;
  }

  /** Restores a mode saved before a restart, without touching the trigger. */
  void restore(ModeChange change) {
    mode = change;
  }

  public Trigger trigger() {
    return trigger;
  }

  public View view() {
    Trigger.Snapshot auto = trigger.snapshot();
    ModeChange m = mode;
    BreakerState effective = switch (m.mode()) {
      case FORCED_OPEN -> BreakerState.OPEN;
      case FORCED_CLOSED -> BreakerState.CLOSED;
      case AUTO, OBSERVE -> auto.state();
    };
    return new View(incidentClass, m.mode(), effective, auto.state(), auto.reason(), auto.trips(),
        auto.lastTripAt(), interceptions.sum(), observed.sum(), m);
  }
}
