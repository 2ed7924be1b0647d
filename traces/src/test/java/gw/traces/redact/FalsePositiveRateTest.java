package gw.traces.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The redactor's false-positive rate on {@link CleanTexts}: the share of clean texts in which it
 * replaces anything. docs/SECURITY.md reports the measured rate; this test keeps it under the bound.
 */
class FalsePositiveRateTest {
  private static final int TEXTS = 20_000;
  /** The bound; the rate measured when the catalogue was written is in docs/SECURITY.md. */
  private static final double MAX_RATE = 0.01;

  @Test
  void cleanTextsAreAlmostNeverRedacted() {
    Redactor redactor = Redactor.defaults();
    Draw d = new Draw(42);
    Map<String, Integer> byType = new TreeMap<>();
    int flagged = 0;
    for (int i = 0; i < TEXTS; i++) {
      String text = CleanTexts.next(d);
      var matches = redactor.matches(text);
      if (!matches.isEmpty()) {
        flagged++;
        matches.forEach(m -> byType.merge(m.type(), 1, Integer::sum));
      }
    }
    double rate = (double) flagged / TEXTS;
    System.out.printf("false positives: %d of %d clean texts (%.2f%%), by type %s%n", flagged, TEXTS, 100 * rate,
        byType);
    assertThat(rate).isLessThanOrEqualTo(MAX_RATE);
  }
}
