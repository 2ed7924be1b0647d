package gw.gateway.chain;

import gw.traces.quality.QualityResult;

/**
 * What a finished exchange really consumed, measured off the event loop once per request (before
 * sampling, so every request counts): tokens from the provider's usage or the tokenizer, cost from
 * the pricing table, and the quality proxies' verdict on a chat answer ({@code quality} null when
 * there was no answer to judge). {@code failed} is true when the client got no successful answer.
 */
public record Metered(boolean failed, long promptTokens, long completionTokens, double costUsd, QualityResult quality,
    boolean estimated) {
  /**
   * For an exchange the metering stage had no room to measure (its queue was full): nothing is
   * known, so budgets keep what they reserved and windows skip it.
   */
  public static final Metered UNMEASURED = new Metered(false, 0, 0, 0, null, true);

  public Metered(boolean failed, long promptTokens, long completionTokens, double costUsd) {
    this(failed, promptTokens, completionTokens, costUsd, null, false);
  }

  public Metered(boolean failed, long promptTokens, long completionTokens, double costUsd, QualityResult quality) {
    this(failed, promptTokens, completionTokens, costUsd, quality, false);
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
