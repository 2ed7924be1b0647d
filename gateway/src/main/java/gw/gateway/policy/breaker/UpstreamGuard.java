package gw.gateway.policy.breaker;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.incident.IncidentClass;
import io.vertx.core.Future;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The PERFORMANCE_DEGRADATION breaker as a decorator around the upstream call: the operator's mode
 * first, then {@link UpstreamBreaker}. A 5xx answer, or a slow or stalled one ({@link CallPace}),
 * counts as a failure but still reaches the client as the provider sent it. In observe mode an open
 * breaker changes nothing: the upstream is called as asked and the fallback or fail-fast is recorded
 * as observed.
 */
public final class UpstreamGuard {
  public static final String FALLBACK_ACTION = "performance_degradation/fallback_model";
  public static final String FAIL_FAST_ACTION = "performance_degradation/fail_fast";

  private final Breaker breaker;
  private final UpstreamBreaker upstream;
  private final BreakersConfig.Performance config;

  public UpstreamGuard(Breakers breakers, UpstreamBreaker upstream) {
    this.breaker = breakers.get(IncidentClass.PERFORMANCE_DEGRADATION);
    this.upstream = upstream;
    this.config = breakers.config().performance();
  }

  private static final class ForcedOpen extends RuntimeException {
    ForcedOpen() {
      super("forced open by an operator", null, false, false);
    }
  }

  /**
   * The judge of one try's pace, to feed as its answer arrives ({@link CallPace#streamed},
   * {@link CallPace#answered}) and to close when done with the try.
   */
  public CallPace pace(Exchange ex) {
    return upstream.pace(ex.stream(), maxTokens(ex));
  }

  /** What the request lets the model generate: null when it names no limit, 0 when it generates nothing. */
  private static Long maxTokens(Exchange ex) {
    if (!ex.route().isCompletion() || ex.body() == null) {
      return 0L;
    }
    for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
      JsonNode n = ex.body().get(field);
      if (n != null && n.canConvertToLong() && n.asLong() > 0) {
        return n.asLong();
      }
    }
    return null;
  }

  /**
   * The call through the breaker. Refused because the breaker is open, it fails with a failure
   * {@link #isOpen} recognises, the request's mitigation recorded; in observe mode the mitigation is
   * only noted and the call is made anyway (the trigger does not count it while open, as in auto).
   */
  public <T> Future<T> send(Exchange ex, CallPace pace, Supplier<Future<T>> call, ToIntFunction<T> statusOf) {
    Future<T> guarded = switch (breaker.mode()) {
      case FORCED_CLOSED -> call.get();
      case FORCED_OPEN -> Future.failedFuture(new ForcedOpen());
      case AUTO, OBSERVE -> upstream.execute(pace, call, r -> {
        int status = statusOf.applyAsInt(r);
        return status >= 500 ? "upstream answered " + status : null;
      });
    };
    return guarded.recover(e -> isOpen(e) && !breaker.act(ex, fallsBack(ex) ? FALLBACK_ACTION : FAIL_FAST_ACTION)
        ? call.get() : Future.failedFuture(e));
  }

  /** True when the call was not made because the breaker is open and its mitigation applies. */
  public boolean isOpen(Throwable failure) {
    return failure instanceof UpstreamBreaker.CircuitOpen || failure instanceof ForcedOpen;
  }

  /** While open, whether this request goes to the fallback model (else it fails fast). */
  public boolean fallsBack(Exchange ex) {
    return config.fallbackModel() != null && ex.routedModel() != null;
  }

  public String fallbackModel() {
    return config.fallbackModel();
  }

  public GatewayFailure failFast() {
    return GatewayFailure.unavailable("breaker_open", "The gateway's PERFORMANCE_DEGRADATION breaker is open"
        + (breaker.mode() == BreakerMode.FORCED_OPEN ? " (forced by an operator)" : " after repeated upstream failures or slow calls")
        + ", so the upstream was not called. Retry after the Retry-After delay.", Math.max(1, config.openMs() / 1000));
  }
}
