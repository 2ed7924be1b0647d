package gw.gateway.chain;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** Runs policies forward for requests and backward for responses, chunks and completion. */
public final class PolicyChain {
  private final Policy[] policies;

  public PolicyChain(List<Policy> policies) {
    this.policies = policies.toArray(Policy[]::new);
  }

  public Future<Void> request(Exchange exchange) {
    return requestFrom(0, exchange);
  }

  private Future<Void> requestFrom(int index, Exchange exchange) {
    for (int i = index; i < policies.length; i++) {
      Future<Void> step = policies[i].onRequest(exchange);
      if (!step.isComplete()) {
        int next = i + 1;
        return step.compose(v -> requestFrom(next, exchange));
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
