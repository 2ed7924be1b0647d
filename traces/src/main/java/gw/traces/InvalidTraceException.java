package gw.traces;

import java.util.List;

/** A trace record broke one or more schema rules; the message lists every one of them. */
public final class InvalidTraceException extends RuntimeException {
  private final List<String> violations;

  public InvalidTraceException(String traceId, List<String> violations) {
    super(describe(traceId, violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }

  /** "trace record ID rejected (N violations): ..." */
  public static String describe(String traceId, List<String> violations) {
    String subject = traceId == null ? "trace record" : "trace record " + traceId;
    return subject + " rejected (" + violations.size() + " violation"
        + (violations.size() == 1 ? "" : "s") + "): " + String.join("; ", violations);
  }
}
