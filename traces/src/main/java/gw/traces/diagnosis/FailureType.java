package gw.traces.diagnosis;

/**
 * What went wrong in one trace. When several apply, {@link Diagnoser} reports them all and picks
 * the most specific cause as the diagnosis, in this order: tool timeout, error, wrong prompt
 * version, retrieval mismatch, hallucination, slow response.
 */
public enum FailureType {
  HEALTHY,
  ERROR,
  TOOL_TIMEOUT,
  WRONG_PROMPT_VERSION,
  RETRIEVAL_MISMATCH,
  HALLUCINATION,
  SLOW_RESPONSE
}
