package gw.traces.redact;

import gw.traces.redact.Redactor.Found;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;

/** One pattern run over one text: where it looks, and which of its matches it keeps. */
final class PatternScan {
  private final SensitivePattern pattern;
  private final int priority;
  private final TextFeatures features;
  private final SafeBreaks breaks;
  /** The redactor's whole search, for the text an encoded value decodes to. */
  private final Function<String, List<Found>> find;
  private final List<Found> into;
  private final Matcher m;

  PatternScan(SensitivePattern pattern, int priority, TextFeatures features, SafeBreaks breaks,
      Function<String, List<Found>> find, List<Found> into) {
    this.pattern = pattern;
    this.priority = priority;
    this.features = features;
    this.breaks = breaks;
    this.find = find;
    this.into = into;
    // Transparent bounds let look-arounds see past a region, so a region scan equals a whole-text scan.
    this.m = pattern.regex().matcher(features.text).useTransparentBounds(true).useAnchoringBounds(false);
  }

  void run() {
    SensitivePattern.Scan scan = pattern.scan();
    if (scan instanceof SensitivePattern.Scan.LiteralStarts starts) {
      tryStarts(starts);
    } else if (scan instanceof SensitivePattern.Scan.DigitWindows digits) {
      for (TextFeatures.DigitWindow window : features.digitWindows()) {
        if (window.digits() >= digits.minDigits()) {
          findIn(window.start(), window.end());
        }
      }
    } else if (scan instanceof SensitivePattern.Scan.TokenRuns runs) {
      for (int start : features.tokenRunStarts(runs.minLength())) {
        tryAt(start);
      }
    } else {
      findIn(0, features.text.length());
    }
  }

  /** Finds matches in [from, to), as {@code find} would, keeping the ones {@link #keep} accepts. */
  private void findIn(int from, int to) {
    int position = from;
    while (position < to && m.region(position, to).find()) {
      int start = m.start();
      position = keep(start, to) ? m.end() : start + 1;
    }
  }

  /** Tries the regex only where a literal occurs, in text order: the same matches as {@link #findIn}. */
  private void tryStarts(SensitivePattern.Scan.LiteralStarts starts) {
    int[] positions = new int[8];
    int count = 0;
    for (TextFeatures.Literal literal : starts.literals()) {
      for (int at = features.indexOf(literal, 0); at >= 0; at = features.indexOf(literal, at + 1)) {
        if (count == positions.length) {
          positions = Arrays.copyOf(positions, count * 2);
        }
        positions[count++] = at;
      }
    }
    Arrays.sort(positions, 0, count);
    int next = 0;
    for (int i = 0; i < count; i++) {
      if (positions[i] >= next && tryAt(positions[i])) {
        next = m.end();
      }
    }
  }

  /** Whether a match starting at {@code start} is kept. */
  private boolean tryAt(int start) {
    int end = features.text.length();
    return m.region(start, end).lookingAt() && keep(start, end);
  }

  /**
   * Keeps the longest match at {@code start} (the one just found) that passes: no safe break
   * inside, then the value check, then, for an encoding, a sensitive value in the decoded text
   * (an encoded value is judged whole, never shortened). So "+44 20 7946 0958 123-45-6789" is a
   * phone number followed by an SSN, not one 21-digit number.
   */
  private boolean keep(int start, int to) {
    while (true) {
      int shorter = m.end() - 1;
      if (m.end() > start) {
        int cut = pattern.spansLines() ? -1 : breaks.firstSafeRunInside(features.text, start, m.end());
        if (cut >= 0) {
          shorter = cut;
        } else {
          Sensitivity found = judge();
          if (found != null) {
            into.add(new Found(pattern.secretStart(m), pattern.secretEnd(m), pattern.type(), priority, found));
            return true;
          }
          if (pattern.decoder() != null) {
            return false;
          }
        }
      }
      if (shorter <= start || !m.region(start, Math.min(shorter, to)).lookingAt()) {
        return false;
      }
    }
  }

  /** The sensitivity of the value the matcher holds, or null when it is not one. */
  private Sensitivity judge() {
    int offset = m.start();
    String value = m.group().substring(pattern.secretStart(m) - offset, pattern.secretEnd(m) - offset);
    if (value.isEmpty() || !pattern.accepts().test(value)) {
      return null;
    }
    if (pattern.decoder() == null) {
      return pattern.sensitivity();
    }
    String decoded = pattern.decoder().apply(value);
    Sensitivity worst = null;
    for (Found hidden : decoded == null ? List.<Found>of() : find.apply(decoded)) {
      worst = worst == null ? hidden.sensitivity() : worst.mostSevere(hidden.sensitivity());
    }
    return worst;
  }
}
