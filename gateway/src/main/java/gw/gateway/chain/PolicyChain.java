package gw.gateway.chain;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.BiFunction;
import java.util.List;

/** Runs policies forward for requests and backward for responses, chunks and completion. */
public final class PolicyChain {
  private final Policy[] policies;

  public PolicyChain(List<Policy> policies) {
    this.policies = policies.toArray(Policy[]::new);
  }

  /** Before the body is read: what the headers alone decide (the gateway key). */
  public Future<Void> headers(Exchange exchange) {
    return forward(0, exchange, Policy::onHeaders);
  }

  public Future<Void> request(Exchange exchange) {
    return forward(0, exchange, Policy::onRequest);
  }

  private Future<Void> forward(int index, Exchange exchange, BiFunction<Policy, Exchange, Future<Void>> stage) {
    for (int i = index; i < policies.length; i++) {
      Future<Void> step = stage.apply(policies[i], exchange);
      if (!step.isComplete()) {
        int next = i + 1;
        return step.compose(v -> forward(next, exchange, stage));
      }
      if (step.failed()) {
        return step;
      }
    }
    return Policy.DONE;
  }

  public Future<Void> response(Exchange exchange) {
    return responseFrom(policies.length - 1, exchange);
  }

  private Future<Void> responseFrom(int index, Exchange exchange) {
    for (int i = index; i >= 0; i--) {
      Future<Void> step = policies[i].onResponse(exchange);
      if (!step.isComplete()) {
        int next = i - 1;
        return step.compose(v -> responseFrom(next, exchange));
      }
      if (step.failed()) {
        return step;
      }
    }
    return Policy.DONE;
  }

  public Buffer chunk(Exchange exchange, Buffer chunk) {
    Buffer current = chunk;
    for (int i = policies.length - 1; i >= 0; i--) {
      current = policies[i].onChunk(exchange, current);
    }
    return current;
  }

  /** What the policies still have to send at the end of a stream, in response order; null if nothing. */
  public Buffer streamEnd(Exchange exchange) {
    Buffer tail = null;
    for (int i = policies.length - 1; i >= 0; i--) {
      Buffer more = policies[i].onStreamEnd(exchange);
      if (more != null && more.length() > 0) {
        tail = tail == null ? more : tail.appendBuffer(more);
      }
    }
    return tail;
  }
}
