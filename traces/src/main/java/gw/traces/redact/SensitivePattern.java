package gw.traces.redact;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of sensitive value, as the catalogue ({@link PatternCatalog}) describes it: a regex, a
 * cheap pre-check that lets most texts skip the scan, where to scan, and an optional check on the
 * matched value (Luhn, entropy) that a regex cannot express. When the regex has a group named
 * {@code secret}, only that group is replaced, so labels such as "Bearer" or "password=" stay
 * readable.
 *
 * @param decoder for a value that hides others (base64, URL encoding): its decoded text, or null
 *     when it does not decode; the match counts only when the decoded text holds a sensitive value
 * @param spansLines whether a match may hold line breaks and spaces anywhere (a PEM block); every
 *     other match is cut short of the first {@link SafeBreaks safe break}
 */
record SensitivePattern(
    String type,
    Sensitivity sensitivity,
    Pattern regex,
    boolean hasSecretGroup,
    Precheck mayOccur,
    Scan scan,
    Predicate<String> accepts,
    UnaryOperator<String> decoder,
    boolean spansLines) {

  static final String SECRET_GROUP = "secret";

  /**
   * What a text must have for the pattern to be worth running: counts from {@link TextFeatures},
   * then one of the {@code startsWith} literals and one of the {@code requires} literals (when listed).
   */
  record Precheck(int minDigits, int minColons, int minTokenLength, List<TextFeatures.Literal> startsWith,
      List<TextFeatures.Literal> requires) {
    boolean test(TextFeatures f) {
      return f.digits >= minDigits && f.colons >= minColons && f.longestToken >= minTokenLength
          && anyOccurs(startsWith, f) && anyOccurs(requires, f);
    }

    private static boolean anyOccurs(List<TextFeatures.Literal> literals, TextFeatures f) {
      if (literals.isEmpty()) {
        return true;
      }
      for (TextFeatures.Literal literal : literals) {
        if (f.contains(literal)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Where a pattern's regex is run. */
  sealed interface Scan {
    /** The whole text. */
    record WholeText() implements Scan {}

    /** Only the {@link TextFeatures#digitWindows() digit windows} with at least this many digits. */
    record DigitWindows(int minDigits) implements Scan {}

    /** Only at the start of each {@link TextFeatures#tokenRunStarts run of token characters} this long or longer. */
    record TokenRuns(int minLength) implements Scan {}

    /** Only where one of the literals occurs: every match starts with one of them. */
    record LiteralStarts(List<TextFeatures.Literal> literals) implements Scan {}
  }

  /** Same matches, found by running the regex over the whole text: the reference other scans must equal. */
  SensitivePattern scanningWholeText() {
    return new SensitivePattern(type, sensitivity, regex, hasSecretGroup, mayOccur, new Scan.WholeText(), accepts,
        decoder, spansLines);
  }

  int secretStart(Matcher m) {
    return hasSecretGroup ? m.start(SECRET_GROUP) : m.start();
  }

  int secretEnd(Matcher m) {
    return hasSecretGroup ? m.end(SECRET_GROUP) : m.end();
  }
}
