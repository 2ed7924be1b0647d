package gw.traces.diagnosis;

import java.util.Map;

/**
 * Thresholds for {@link Diagnoser}. Each rule fires only strictly past its threshold, so a value
 * exactly on it is healthy.
 *
 * @param minTopRelevance retrieval mismatch when the best document scores below this and the answer does not
 *     decline; the gateway passes its RETRIEVAL_OUTAGE breaker's {@code min_top_score} so the two judge
 *     every request's retrieval alike
 * @param slaMs slow response when the end-to-end latency is above this
 * @param toolTimeoutMs a failed tool call that took at least this long counts as a timeout, even
 *     when its error does not say so
 * @param maxUngroundedNumbers hallucination when the answer states more numbers than this that
 *     appear in no retrieved document and not in the prompt
 * @param expectedPromptVersions the version each prompt id should be served with; a prompt id not
 *     listed is not checked
 */
public record DiagnosisRules(double minTopRelevance, double slaMs, double toolTimeoutMs, int maxUngroundedNumbers,
    Map<String, String> expectedPromptVersions) {
  /**
   * The shipped RETRIEVAL_OUTAGE {@code min_top_score}: healthy questions' best documents score 0.48 and up,
   * questions the knowledge base has nothing on 0.10 and below.
   */
  public static final double DEFAULT_MIN_TOP_RELEVANCE = 0.3;
  /** The observability contract's slow threshold (production {@code slow_ms}). */
  public static final double DEFAULT_SLA_MS = 5_000;
  public static final double DEFAULT_TOOL_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MAX_UNGROUNDED_NUMBERS = 0;
  public static final Map<String, String> DEFAULT_EXPECTED_PROMPT_VERSIONS = Map.of("support-answer", "v2.0");

  public DiagnosisRules {
    if (!(minTopRelevance >= 0 && minTopRelevance <= 1)) {
      throw new IllegalArgumentException("minTopRelevance must be in [0,1], got " + minTopRelevance);
    }
    if (!(slaMs > 0)) {
      throw new IllegalArgumentException("slaMs must be > 0, got " + slaMs);
    }
    if (!(toolTimeoutMs > 0)) {
      throw new IllegalArgumentException("toolTimeoutMs must be > 0, got " + toolTimeoutMs);
    }
    if (maxUngroundedNumbers < 0) {
      throw new IllegalArgumentException("maxUngroundedNumbers must be >= 0, got " + maxUngroundedNumbers);
    }
    expectedPromptVersions = Map.copyOf(expectedPromptVersions);
  }

  public static DiagnosisRules defaults() {
    return new DiagnosisRules(DEFAULT_MIN_TOP_RELEVANCE, DEFAULT_SLA_MS, DEFAULT_TOOL_TIMEOUT_MS,
        DEFAULT_MAX_UNGROUNDED_NUMBERS, DEFAULT_EXPECTED_PROMPT_VERSIONS);
  }

  public DiagnosisRules withMinTopRelevance(double value) {
    return new DiagnosisRules(value, slaMs, toolTimeoutMs, maxUngroundedNumbers, expectedPromptVersions);
  }

  public DiagnosisRules withSlaMs(double value) {
    return new DiagnosisRules(minTopRelevance, value, toolTimeoutMs, maxUngroundedNumbers, expectedPromptVersions);
  }

  public DiagnosisRules withExpectedPromptVersions(Map<String, String> value) {
    return new DiagnosisRules(minTopRelevance, slaMs, toolTimeoutMs, maxUngroundedNumbers, value);
  }
}
