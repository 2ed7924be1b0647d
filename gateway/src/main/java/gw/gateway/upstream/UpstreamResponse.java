package gw.gateway.upstream;

import io.vertx.core.http.HttpClientResponse;

/** The provider's answer as the decorators see it: a status and headers, its body still unread. */
public interface UpstreamResponse {
  int status();

  String header(CharSequence name);

  /** Drains an answer a decorator refused (to try again), so its connection can be reused. */
  void discard();

  /** The shape the answer is in: its provider's. */
  gw.gateway.chain.Wire wire();

  /** The answer to relay, paused until the relay has set its handlers. */
  HttpClientResponse http();
}
