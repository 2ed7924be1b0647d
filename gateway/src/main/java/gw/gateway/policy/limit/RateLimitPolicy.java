package gw.gateway.policy.limit;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Policy;
import gw.gateway.config.BudgetsConfig;
import gw.gateway.config.BudgetsConfig.RateLimit;
import io.vertx.core.Future;

/**
 * Admits a model call only within its gateway key's requests and tokens per minute, reserving the
 * request's worst-case tokens; once metered, the reservation is corrected to the real usage.
 * Also rejects requests over the per-request token caps.
 */
public final class RateLimitPolicy implements Policy {
  public static final String RPM_ACTION = "rate_limit/reject_rpm";
  public static final String TPM_ACTION = "rate_limit/reject_tpm";

  private final BudgetsConfig.RateLimits limits;
  private final RequestEstimator estimator;
  private final Limiter limiter;

  public RateLimitPolicy(BudgetsConfig config, Limiter limiter) {
    this.limits = config.rateLimits();
    this.estimator = new RequestEstimator(config.requestCaps());
    this.limiter = limiter;
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    if (!RequestEstimator.limits(exchange.route())) {
      return DONE;
    }
    RequestEstimator.Estimate estimate = estimator.estimate(exchange);
    GatewayFailure overCap = estimator.overCap(exchange, estimate);
    if (overCap != null) {
      return Future.failedFuture(overCap);
    }
    String key = exchange.identity().keyName();
    RateLimit limit = limits.forKey(key);
    long tokens = estimate.totalTokens();
    return limiter.acquire(key, limit, tokens).compose(denial -> {
      if (denial.isPresent()) {
        RateLimitDenial d = denial.get();
        exchange.addAction(d.kind() == RateLimitDenial.Kind.RPM ? RPM_ACTION : TPM_ACTION);
        return Future.failedFuture(GatewayFailure.tooManyRequests(d.kind().code(), d.message(key), d.retryAfterSeconds()));
      }
      if (limit.tpm() > 0) {
        exchange.onMetered(m -> limiter.settleTokens(key, limit, tokens, m.estimated() ? tokens : m.totalTokens()));
      }
      return DONE;
    });
  }
}
