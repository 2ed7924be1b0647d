package gw.gateway.upstream;

import io.vertx.core.Future;

/**
 * The provider call as one function, so timeouts, the breaker, retries and fallbacks can each wrap it
 * as a small decorator (Armeria's {@code Client} decoration): {@code FallbackModels(Retry(
 * BreakerGuard(AttemptTimeout(HttpUpstream))))}. Every implementation runs on the request's event
 * loop and never blocks; a streamed answer is handed over unread, so no decorator buffers it.
 */
public interface Upstream {
  /** Sends {@code request} and completes with the provider's answer (headers only, body still paused). */
  Future<UpstreamResponse> call(UpstreamRequest request);
}
