package gw.traces.redact;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of sensitive value: a regex, a cheap pre-check that lets most texts skip the scan, and
 * an optional check on the matched value (Luhn, digit counts) that a regex cannot express. When
 * the regex has a group named {@code secret}, only that group is replaced, so labels such as
 * "Bearer" or "aws_secret_access_key =" stay readable.
 *
 * <p>A pattern with {@code minDigits > 0} is built around digits (cards, phones, SSNs, IPv4): it
 * is only run inside the {@link TextFeatures#digitWindows() digit windows} holding at least that
 * many digits, instead of over the whole text.
 */
record SensitivePattern(
    String type,
    Pattern regex,
    boolean hasSecretGroup,
    Predicate<TextFeatures> mayOccur,
    Predicate<String> accepts,
    int minDigits) {

  static final String SECRET_GROUP = "secret";

  static SensitivePattern of(String type, String regex, Predicate<TextFeatures> mayOccur) {
    boolean secretGroup = regex.contains("(?<" + SECRET_GROUP + ">");
    return new SensitivePattern(type, Pattern.compile(regex), secretGroup, mayOccur, value -> true, 0);
  }

  /** A digit-built pattern; its match must fit in one digit window (see {@link TextFeatures}). */
  static SensitivePattern ofDigits(String type, String regex, int minDigits) {
    return of(type, regex, f -> f.digits >= minDigits).scannedInDigitWindows(minDigits);
  }

  SensitivePattern acceptingOnly(Predicate<String> check) {
    return new SensitivePattern(type, regex, hasSecretGroup, mayOccur, check, minDigits);
  }

  SensitivePattern alsoRequiring(Predicate<TextFeatures> precheck) {
    return new SensitivePattern(type, regex, hasSecretGroup, mayOccur.and(precheck), accepts, minDigits);
  }

  SensitivePattern scannedInDigitWindows(int minimum) {
    return new SensitivePattern(type, regex, hasSecretGroup, mayOccur, accepts, minimum);
  }

  /** Same matches, found by scanning the whole text: the reference the windowed scan must equal. */
  SensitivePattern scanningWholeText() {
    return scannedInDigitWindows(0);
  }

  int secretStart(Matcher m) {
    return hasSecretGroup ? m.start(SECRET_GROUP) : m.start();
  }

  int secretEnd(Matcher m) {
    return hasSecretGroup ? m.end(SECRET_GROUP) : m.end();
  }
}
