package gw.traces.diagnosis;

import java.util.List;

/**
 * One rule a trace broke: its type, a one-line summary, and the fields and values that show it
 * (e.g. {@code top retrieval score 0.21 < 0.50}).
 */
public record Finding(FailureType type, String summary, List<String> evidence) {
  public Finding {
    evidence = List.copyOf(evidence);
  }
}
