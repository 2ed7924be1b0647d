package gw.gateway.chain;

/**
 * What a finished exchange really consumed, measured off the event loop once per request (before
 * sampling, so every request counts): tokens from the provider's usage or the tokenizer, and cost
 * from the pricing table. {@code failed} is true when the client got no successful answer.
 */
public record Metered(boolean failed, long promptTokens, long completionTokens, double costUsd) {
  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
