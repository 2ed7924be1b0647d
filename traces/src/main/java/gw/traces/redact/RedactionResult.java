package gw.traces.redact;

import java.util.Map;

/** Redacted text plus how many values of each type were replaced (type name to count). */
public record RedactionResult(String text, Map<String, Integer> counts) {
  public RedactionResult {
    counts = Map.copyOf(counts);
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  public boolean changed() {
    return !counts.isEmpty();
  }
}
