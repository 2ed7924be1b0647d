package gw.gateway.upstream;

import gw.gateway.chain.Causes;
import gw.gateway.chain.Exchange;
import gw.gateway.policy.forward.ForwardRules;
import gw.gateway.time.Timers;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpHeaders;
import java.util.function.LongSupplier;

/**
 * Tries the routed model up to {@code retry.max_attempts} times (once on a fallback model) while
 * the outcome is retryable, waiting the provider's {@code Retry-After} or a jittered backoff
 * ({@link ForwardRules#delayMs}), and only while the wait fits before the overall deadline. Every
 * try is an {@link Exchange.Attempt}. An answer is judged on its status before its body is read,
 * so a stream is retried only before its first byte reaches the client.
 */
public final class Retry implements Upstream {
  private final Upstream inner;
  private final ForwardRules rules;
  private final Timers timers;
  private final LongSupplier nanoClock;

  public Retry(Upstream inner, ForwardRules rules, Timers timers, LongSupplier nanoClock) {
    this.inner = inner;
    this.rules = rules;
    this.timers = timers;
    this.nanoClock = nanoClock;
  }

  @Override
  public Future<UpstreamResponse> call(UpstreamRequest request) {
    return attempt(request, 1);
  }

  private Future<UpstreamResponse> attempt(UpstreamRequest request, int tryNo) {
    Exchange ex = request.exchange();
    ex.startAttempt(ex.routedModel(), nanoClock.getAsLong());
    return inner.call(request).transform(outcome -> afterTry(request, tryNo, outcome));
  }

  private Future<UpstreamResponse> afterTry(UpstreamRequest request, int tryNo, AsyncResult<UpstreamResponse> outcome) {
    if (request.isEnded() || request.isBreakerSettled()) {
      return Outcomes.of(outcome); // the exchange is closed, or the breaker's answer is the answer
    }
    long now = nanoClock.getAsLong();
    if (!request.isExpired() && Outcomes.retryable(rules, outcome)) {
      int maxTries = request.isOnFallbackModel() ? 1 : rules.maxAttempts();
      long delay = tryNo < maxTries ? rules.delayMs(tryNo, retryAfter(outcome)) : -1;
      if (delay >= 0 && delay >= request.msLeft(now)) {
        request.expire(); // the deadline is the deadline: no fallback model either
      } else if (delay >= 0) {
        request.refuse(outcome, now);
        return after(delay).compose(v -> request.isEnded()
            ? Future.failedFuture("client gone") : attempt(request, tryNo + 1));
      }
    }
    if (outcome.failed()) {
      request.exchange().endAttempt(now, 0, Causes.describe(outcome.cause()));
    }
    return Outcomes.of(outcome);
  }

  private static String retryAfter(AsyncResult<UpstreamResponse> outcome) {
    return outcome.succeeded() ? outcome.result().header(HttpHeaders.RETRY_AFTER) : null;
  }

  private Future<Void> after(long delayMs) {
    Promise<Void> waited = Promise.promise();
    timers.start(Math.max(1, delayMs), waited::complete);
    return waited.future();
  }
}
