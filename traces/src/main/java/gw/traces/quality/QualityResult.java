package gw.traces.quality;

import java.util.List;

/**
 * The checks that ran and those that failed (by name, e.g. {@code ungrounded_numbers}); an answer
 * passes when none failed. {@code score} is the share of checks passed, 1.0 when none applied.
 */
public record QualityResult(List<String> checked, List<String> failed) {
  public QualityResult {
    checked = List.copyOf(checked);
    failed = List.copyOf(failed);
  }

  public boolean passed() {
    return failed.isEmpty();
  }

  public double score() {
    return checked.isEmpty() ? 1.0 : (checked.size() - failed.size()) / (double) checked.size();
  }
}
