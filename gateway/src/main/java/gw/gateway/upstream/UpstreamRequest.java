package gw.gateway.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.anthropic.ChatToMessages;
import gw.gateway.chain.Causes;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Wire;
import gw.gateway.config.GatewayConfig;
import gw.gateway.policy.breaker.CallPace;
import gw.gateway.responses.ChatToResponses;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One request's trip to the provider, shared by the decorators on its event loop: which provider the
 * routed model goes to and what is sent to it (the client's bytes when the provider speaks the
 * client's shape and no policy changed the body, else the chat body, translated for an Anthropic
 * provider), the overall deadline, the try in flight and whether another try may start.
 */
public final class UpstreamRequest {
  private final Exchange exchange;
  private final Buffer clientBytes;
  private final Function<ObjectNode, Buffer> serializer;
  private final Providers providers;
  private final long startNanos;
  private final long timeoutMs;
  private GatewayConfig.Provider provider;
  private Wire wire;
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
      Providers providers, long startNanos, long timeoutMs) {
    this.exchange = exchange;
    this.clientBytes = clientBytes;
    this.serializer = serializer;
    this.providers = providers;
    this.startNanos = startNanos;
    this.timeoutMs = timeoutMs;
  }

  public Exchange exchange() { return exchange; }

  /**
   * Chooses the routed model's provider and writes what it is sent, once per model; null when the
   * request can go, else why it cannot (a route the provider lacks, a field its shape cannot carry).
   * Called before a try reaches the breaker, so a refusal is never counted as the provider's failure.
   */
  public GatewayFailure prepare() {
    if (provider != null) {
      return null;
    }
    try {
      GatewayConfig.Provider p = providers.forModel(exchange.routedModel(), exchange.route());
      Wire w = Providers.wireOf(p, exchange.route());
      body = bodyFor(w);
      provider = p;
      wire = w;
      return null;
    } catch (GatewayFailure refused) {
      return refused;
    }
  }

  /**
   * The client's bytes when they fit as sent; else the chat body in {@code wire}'s shape. Fields the chat
   * body lacks go back from the client's request when the try speaks its shape and they are top-level
   * settings ({@code thinking}, {@code previous_response_id}); content it lacks cannot, and is refused.
   */
  private Buffer bodyFor(Wire wire) {
    ObjectNode chat = exchange.body();
    if (chat == null) {
      return null;
    }
    boolean clientShape = wire == exchange.route().wire();
    if (clientShape && !exchange.bodyModified()) {
      return clientBytes;
    }
    List<String> settings = exchange.untranslated().stream().filter(UpstreamRequest::isSetting).toList();
    List<String> lost = clientShape ? exchange.untranslated().stream().filter(p -> !isSetting(p)).toList()
        : exchange.untranslated();
    if (!lost.isEmpty()) {
      throw GatewayFailure.invalidRequest("untranslatable_field", lost.get(0), "The request cannot be sent to the "
          + wire.id() + " API serving model '" + exchange.routedModel() + "'" + (clientShape ? " once the gateway "
          + "changed it" : "") + ": it has " + String.join(", ", lost) + ", which the gateway's translation cannot carry.");
    }
    ObjectNode out = switch (wire) {
      case ANTHROPIC -> ChatToMessages.translate(chat);
      case RESPONSES -> ChatToResponses.translate(chat);
      case OPENAI -> chat;
    };
    if (clientShape) {
      settings.forEach(field -> out.set(field, exchange.clientBody().get(field)));
    }
    return serializer.apply(out);
  }

  /** A top-level field of the client's request (not a path into its content). */
  private static boolean isSetting(String untranslated) {
    return untranslated.chars().noneMatch(c -> c == '.' || c == '[' || c == ' ');
  }


  /** The provider of the routed model, once {@link #prepare}d. */
  public GatewayConfig.Provider provider() { return provider; }

  /** The API the try is sent in (and answered in), once {@link #prepare}d. */
  public Wire wire() { return wire; }

  /** The bytes a try sends; null for a request without a body. */
  public Buffer body() { return body; }

  /** Sends the following tries to {@code model} ({@link Exchange#routeTo}); provider and body are chosen again. */
  public void routeTo(String model, String action) {
    exchange.routeTo(model, action);
    provider = null;
    wire = null;
    body = null;
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
