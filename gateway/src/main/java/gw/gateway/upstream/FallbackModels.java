package gw.gateway.upstream;

import gw.gateway.chain.Exchange;
import gw.gateway.policy.forward.ForwardRules;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * When the requested model's tries end in a retryable outcome, one try of each model in its
 * {@code fallback_models} chain in turn, while the overall deadline has time left; the client
 * learns it from {@code x-gateway-action: forward/fallback_model}.
 */
public final class FallbackModels implements Upstream {
  public static final String ACTION = "forward/fallback_model";

  private final Upstream inner;
  private final ForwardRules rules;
  private final LongSupplier nanoClock;

  public FallbackModels(Upstream inner, ForwardRules rules, LongSupplier nanoClock) {
    this.inner = inner;
    this.rules = rules;
    this.nanoClock = nanoClock;
  }

  @Override
  public Future<UpstreamResponse> call(UpstreamRequest request) {
    return inner.call(request).transform(outcome -> next(request, outcome, 0));
  }

  private Future<UpstreamResponse> next(UpstreamRequest request, AsyncResult<UpstreamResponse> outcome, int tried) {
    Exchange ex = request.exchange();
    List<String> chain = ex.body() == null ? List.of() : rules.fallbacksFor(ex.modelRequested());
    long now = nanoClock.getAsLong();
    if (request.isEnded() || request.isBreakerSettled() || request.isExpired() || tried >= chain.size()
        || !Outcomes.retryable(rules, outcome) || request.msLeft(now) <= 0) {
      return Outcomes.of(outcome);
    }
    request.refuse(outcome, now);
    request.routeTo(chain.get(tried), ACTION);
    request.onFallbackModel();
    return inner.call(request).transform(next -> next(request, next, tried + 1));
  }
}
