package gw.gateway.upstream;

import gw.gateway.policy.forward.ForwardRules;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

/** What the retry and fallback decorators both ask of a try's outcome. */
final class Outcomes {
  private Outcomes() {}

  /** A connect error, a reset or timed-out try, or a status the rules retry. */
  static boolean retryable(ForwardRules rules, AsyncResult<UpstreamResponse> outcome) {
    return outcome.failed() || rules.retryOnStatus().contains(outcome.result().status());
  }

  static <T> Future<T> of(AsyncResult<T> outcome) {
    return outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause());
  }
}
