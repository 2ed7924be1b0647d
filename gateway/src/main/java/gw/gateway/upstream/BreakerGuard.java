package gw.gateway.upstream;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.policy.breaker.UpstreamGuard;
import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * PERFORMANCE_DEGRADATION around each try ({@link UpstreamGuard}: operator mode, then the circuit
 * breaker judging failures and the try's pace). While the breaker is open (and not in observe mode)
 * the request goes once to the configured fallback model, or fails fast; either way it is final.
 */
public final class BreakerGuard implements Upstream {
  private final Upstream inner;
  private final UpstreamGuard guard;
  private final LongSupplier nanoClock;

  public BreakerGuard(Upstream inner, UpstreamGuard guard, LongSupplier nanoClock) {
    this.inner = inner;
    this.guard = guard;
    this.nanoClock = nanoClock;
  }

  @Override
  public Future<UpstreamResponse> call(UpstreamRequest request) {
    Exchange ex = request.exchange();
    GatewayFailure refused = request.prepare();
    if (refused != null) {
      return Future.failedFuture(refused);
    }
    return guard.send(ex, request.paced(guard.pace(ex)), () -> inner.call(request), UpstreamResponse::status)
        .recover(e -> guard.isOpen(e) ? whileOpen(request) : Future.failedFuture(e));
  }

  /** The breaker's mitigation is already recorded on the exchange; this carries it out. */
  private Future<UpstreamResponse> whileOpen(UpstreamRequest request) {
    Exchange ex = request.exchange();
    ex.endAttempt(nanoClock.getAsLong(), 0, "breaker_open");
    request.breakerSettled();
    if (!guard.fallsBack(ex)) {
      return Future.failedFuture(guard.failFast());
    }
    request.routeTo(guard.fallbackModel(), UpstreamGuard.FALLBACK_ACTION);
    ex.startAttempt(ex.routedModel(), nanoClock.getAsLong());
    GatewayFailure refused = request.prepare();
    return refused != null ? Future.failedFuture(refused) : inner.call(request);
  }
}
