package gw.gateway.chain;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * One step of the request pipeline. Every side passes through by default, so a policy overrides
 * only what it needs. Request sides run in chain order, response and chunk sides in reverse. What
 * follows the answer (tokens, cost, budgets, metrics, the trace) is the metering stage's, not a
 * policy's. A side fails the exchange by failing its future with a {@link GatewayFailure}.
 */
public interface Policy {
  Future<Void> DONE = Future.succeededFuture();

  /**
   * Before the request body is read, on the headers alone: a request this refuses is answered
   * without its body being read, parsed or stored (the gateway key is checked here).
   */
  default Future<Void> onHeaders(Exchange exchange) {
    return DONE;
  }

  default Future<Void> onRequest(Exchange exchange) {
    return DONE;
  }

  default Future<Void> onResponse(Exchange exchange) {
    return DONE;
  }

  /** Synchronous and non-blocking: it runs on the event loop for every stream chunk. */
  default Buffer onChunk(Exchange exchange, Buffer chunk) {
    return chunk;
  }

  /**
   * Called once when an upstream stream has ended cleanly, before the client's stream is closed;
   * returns bytes still to send (e.g. text a chunk filter held back), or null.
   */
  default Buffer onStreamEnd(Exchange exchange) {
    return null;
  }
}
