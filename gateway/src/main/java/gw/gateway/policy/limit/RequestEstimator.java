package gw.gateway.policy.limit;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Route;
import gw.gateway.config.BudgetsConfig.RequestCaps;
import gw.gateway.openai.MessageText;

/**
 * Cheap worst-case token estimates for admitting a request, made on the event loop without a
 * tokenizer: about 3 characters per token over-counts English, which is the safe side for a
 * reservation; the real numbers settle it afterwards.
 */
public final class RequestEstimator {
  public static final String CAP_ACTION = "request_cap/reject";
  static final int CHARS_PER_TOKEN = 3;
  static final int TOKENS_PER_MESSAGE = 4;

  /** {@code requestedOutput} is the request's own max tokens per choice, 0 when it set none. */
  public record Estimate(long promptTokens, long outputTokens, long requestedOutput, String outputParam) {
    public long totalTokens() {
      return promptTokens + outputTokens;
    }
  }

  private final RequestCaps caps;

  public RequestEstimator(RequestCaps caps) {
    this.caps = caps;
  }

  /** Only model calls consume tokens; the model list does not. */
  public static boolean limits(Route route) {
    return route.isCompletion() || route == Route.EMBEDDINGS;
  }

  /** The request's estimate, computed once per exchange (rate limits and budgets both need it). */
  public Estimate estimate(Exchange exchange) {
    Estimate cached = exchange.attachment(Estimate.class);
    if (cached == null) {
      cached = compute(exchange);
      exchange.attach(Estimate.class, cached);
    }
    return cached;
  }

  private Estimate compute(Exchange exchange) {
    JsonNode body = exchange.body();
    if (body == null) {
      return new Estimate(0, 0, 0, null);
    }
    if (exchange.route() == Route.EMBEDDINGS) {
      return new Estimate(embeddingInput(body.get("input")), 0, 0, null);
    }
    String param = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens"
        : body.hasNonNull("max_tokens") ? "max_tokens" : null;
    long requested = param == null ? 0 : Math.max(0, body.get(param).asLong());
    long perChoice = param == null ? caps.defaultOutputTokens() : requested;
    long choices = Math.max(1, body.path("n").asLong(1));
    return new Estimate(chatPrompt(body.get("messages")), perChoice * choices, requested, param);
  }

  /** A 400 when the request is over a per-request cap (recorded as the exchange's action), else null. */
  public GatewayFailure overCap(Exchange exchange, Estimate e) {
    GatewayFailure failure = capFailure(exchange.route(), e);
    if (failure != null) {
      exchange.addAction(CAP_ACTION);
    }
    return failure;
  }

  private GatewayFailure capFailure(Route route, Estimate e) {
    if (e.requestedOutput() > caps.maxOutputTokens()) {
      return GatewayFailure.invalidRequest("request_token_cap", e.outputParam(), e.outputParam() + " "
          + e.requestedOutput() + " exceeds the gateway's per-request cap of " + caps.maxOutputTokens()
          + " output tokens (request_caps.max_output_tokens). Send " + e.outputParam() + " <= "
          + caps.maxOutputTokens() + ".");
    }
    if (e.promptTokens() > caps.maxInputTokens()) {
      boolean embeddings = route == Route.EMBEDDINGS;
      String param = embeddings ? "input" : "messages";
      return GatewayFailure.invalidRequest("request_token_cap", param, "The " + (embeddings ? "input" : "prompt")
          + " is estimated at " + e.promptTokens() + " tokens (characters / " + CHARS_PER_TOKEN
          + "), over the gateway's per-request cap of " + caps.maxInputTokens()
          + " input tokens (request_caps.max_input_tokens). Shorten the " + param + " or split the request.");
    }
    return null;
  }

  private static long chatPrompt(JsonNode messages) {
    if (messages == null || !messages.isArray()) {
      return 0;
    }
    long chars = 0;
    for (JsonNode m : messages) {
      chars += MessageText.of(m.get("content")).length();
    }
    return ceilDiv(chars, CHARS_PER_TOKEN) + (long) TOKENS_PER_MESSAGE * messages.size();
  }

  /** Text, a list of texts, or pre-tokenised input (arrays of token ids, counted as they are). */
  private static long embeddingInput(JsonNode input) {
    if (input == null || input.isNull()) {
      return 0;
    }
    if (input.isTextual()) {
      return ceilDiv(input.asText().length(), CHARS_PER_TOKEN);
    }
    long chars = 0;
    long tokens = 0;
    for (JsonNode item : input) {
      if (item.isTextual()) {
        chars += item.asText().length();
      } else if (item.isArray()) {
        tokens += item.size();
      } else {
        tokens++;
      }
    }
    return ceilDiv(chars, CHARS_PER_TOKEN) + tokens;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
