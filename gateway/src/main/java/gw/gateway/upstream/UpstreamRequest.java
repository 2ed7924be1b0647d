package gw.gateway.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Causes;
import gw.gateway.chain.Exchange;
import gw.gateway.policy.breaker.CallPace;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One request's trip to the provider, shared by the decorators on its event loop: what is sent,
 * the overall deadline, the try in flight and whether another try may start.
 */
public final class UpstreamRequest {
  private final Exchange exchange;
  private final Function<ObjectNode, Buffer> serializer;
  private final long startNanos;
  private final long timeoutMs;
  private Buffer body;
  private Consumer<Throwable> resetRunning = cause -> { };
  private CallPace pace = CallPace.NONE;
  private boolean onFallbackModel;
  private boolean breakerSettled;
  private boolean expired;
  private boolean ended;

  /**
   * {@code clientBytes} go out as they came unless a policy changed the body; {@code timeoutMs} from
   * {@code startNanos} bounds every try, backoff included.
   */
  public UpstreamRequest(Exchange exchange, Buffer clientBytes, Function<ObjectNode, Buffer> serializer,
      long startNanos, long timeoutMs) {
    this.exchange = exchange;
    this.serializer = serializer;
    this.startNanos = startNanos;
    this.timeoutMs = timeoutMs;
    this.body = exchange.bodyModified() ? serializer.apply(exchange.body()) : clientBytes;
  }

  public Exchange exchange() { return exchange; }

  /** The bytes a try sends; null for a request without a body. */
  public Buffer body() { return body; }

  /** Sends the following tries to {@code model} ({@link Exchange#routeTo}); the body is serialised again once. */
  public void routeTo(String model, String action) {
    exchange.routeTo(model, action);
    body = serializer.apply(exchange.body());
  }

  /** Milliseconds left before the overall deadline, as seen at {@code nowNanos}. */
  public long msLeft(long nowNanos) {
    return timeoutMs - (nowNanos - startNanos) / 1_000_000;
  }

  /** How to reset the latest try's provider request, so a timeout or a departing client can stop it. */
  public void resetWith(Consumer<Throwable> reset) { this.resetRunning = reset; }

  /** Resets the latest try's provider request, if one was sent ({@code cause} null: a plain reset). */
  public void reset(Throwable cause) {
    resetRunning.accept(cause);
  }

  /** The running try's pace judge; a new try closes the last one's. */
  public CallPace pace() { return pace; }

  public CallPace paced(CallPace next) {
    pace.close();
    pace = next;
    return next;
  }

  /** Moves on from a try that will not be the answer: closes its attempt, and drains a refused answer. */
  public void refuse(AsyncResult<UpstreamResponse> outcome, long nowNanos) {
    UpstreamResponse response = outcome.succeeded() ? outcome.result() : null;
    exchange.endAttempt(nowNanos, response == null ? 0 : response.status(),
        response == null ? Causes.describe(outcome.cause()) : null);
    if (response != null) {
      pace.close(); // the refused answer's speed is not the provider's pace
      response.discard();
    }
  }

  /** The request now runs on a model of the fallback chain: each gets one try. */
  public void onFallbackModel() { this.onFallbackModel = true; }
  public boolean isOnFallbackModel() { return onFallbackModel; }

  /** The open breaker decided this request's outcome (its fallback model or fail-fast): no retry, no fallback. */
  public void breakerSettled() { this.breakerSettled = true; }
  public boolean isBreakerSettled() { return breakerSettled; }

  /** The overall deadline leaves no room for another try (or has passed). */
  public void expire() { this.expired = true; }
  public boolean isExpired() { return expired; }

  /**
   * The client's answer is over or abandoned (the exchange has gone to the trace): nothing may
   * start or record another try, and the running try's pace is closed.
   */
  public void end() {
    ended = true;
    pace.close();
  }

  public boolean isEnded() { return ended; }
}
