package gw.gateway.upstream;

import gw.gateway.chain.GatewayFailure;
import gw.gateway.policy.forward.ForwardRules;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.http.ConnectionPoolTooBusyException;

/** What the retry and fallback decorators both ask of a try's outcome. */
final class Outcomes {
  private Outcomes() {}

  /**
   * A connect error, a reset or timed-out try, or a status the rules retry. A full connection wait
   * queue is not retried: that would multiply the load it sheds; nor is a request the gateway itself
   * refused to send (it would be refused again).
   */
  static boolean retryable(ForwardRules rules, AsyncResult<UpstreamResponse> outcome) {
    if (outcome.failed()) {
      return !(outcome.cause() instanceof ConnectionPoolTooBusyException || outcome.cause() instanceof GatewayFailure);
    }
    return rules.retryOnStatus().contains(outcome.result().status());
  }

  static <T> Future<T> of(AsyncResult<T> outcome) {
    return outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause());
  }
}
