package gw.gateway.metering;

import gw.gateway.chain.Metered;
import gw.traces.TraceRecord.Tokens;
import gw.traces.quality.QualityResult;

/**
 * One finished request, measured once: the answer as the client got it, tokens (provider usage or
 * tokenizer), cost, the quality verdict, and the timings every subscriber reads. {@code tokens} and
 * {@code cost} are null when nothing was answered; {@code quality} is null when there was no model
 * answer to judge.
 */
public record Measurement(
    Answer answer,
    String modelServed,
    Tokens tokens,
    Double cost,
    QualityResult quality,
    boolean failed,
    Timings timings) {

  /** What settlements (budgets, limits, breaker windows) see. */
  public Metered metered() {
    return tokens == null ? new Metered(failed, 0, 0, 0, quality)
        : new Metered(failed, tokens.promptTokens(), tokens.completionTokens(), cost == null ? 0 : cost, quality);
  }
}
