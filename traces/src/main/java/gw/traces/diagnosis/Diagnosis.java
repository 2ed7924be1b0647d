package gw.traces.diagnosis;

import java.util.List;

/**
 * The verdict on one trace. {@code type}, {@code summary} and {@code evidence} come from the first
 * (most specific) finding; {@code findings} lists every rule the trace broke, empty when healthy.
 */
public record Diagnosis(String traceId, FailureType type, String summary, List<String> evidence,
    List<Finding> findings) {
  public static final String HEALTHY_SUMMARY = "Healthy";

  public Diagnosis {
    evidence = List.copyOf(evidence);
    findings = List.copyOf(findings);
  }

  static Diagnosis of(String traceId, List<Finding> findings) {
    if (findings.isEmpty()) {
      return new Diagnosis(traceId, FailureType.HEALTHY, HEALTHY_SUMMARY, List.of(), List.of());
    }
    Finding first = findings.get(0);
    return new Diagnosis(traceId, first.type(), first.summary(), first.evidence(), findings);
  }

  public boolean healthy() {
    return type == FailureType.HEALTHY;
  }
}
