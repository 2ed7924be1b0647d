package gw.traces.redact;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The checks on a matched value that a regex cannot express, by the name a pattern's
 * {@code validator} gives, plus Shannon entropy for {@code min_entropy}.
 */
final class ValueChecks {
  /** Names of code (letters, "_" and "." only): {@code userPassword}, {@code settings.SECRET_KEY}. */
  private static final Pattern IDENTIFIER_PATH = Pattern.compile("[A-Za-z_]+(?:\\.[A-Za-z_]+)*");
  /** A lower-case letter between two capitals, or two capitals in a row, outside all-capital words. */
  private static final Pattern RANDOM_CASE =
      Pattern.compile("(?<=[A-Z])[a-z](?=[A-Z])|[A-Z]{2}(?=[a-z])|[a-z][A-Z]{2}");
  private static final String VOWELS = "aeiouAEIOU";

  static final Map<String, Predicate<String>> VALIDATORS = Map.of(
      "card_number", Luhn::isCardNumber,
      "host_ipv4", Ipv4::isHostAddress,
      "iban", Iban::isIban,
      "ipv6", Ipv6::isAddress,
      "phone_digits", value -> digitCount(value) >= 8 && digitCount(value) <= 15,
      "has_digit", value -> digitCount(value) > 0,
      "random_looking", ValueChecks::looksRandom,
      "basic_credentials", EncodedText::isUserAndPassword);

  private ValueChecks() {}

  static int digitCount(String value) {
    int digits = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    return digits;
  }

  /** Shannon entropy in bits per character: 4 for 16 distinct characters, 0 for one repeated. */
  static double entropy(String value) {
    char[] chars = value.toCharArray();
    Arrays.sort(chars);
    double bits = 0;
    for (int start = 0, end; start < chars.length; start = end) {
      end = start + 1;
      while (end < chars.length && chars[end] == chars[start]) {
        end++;
      }
      double p = (double) (end - start) / chars.length;
      bits -= p * Math.log(p);
    }
    return bits / Math.log(2);
  }

  /**
   * A generated secret rather than a word, a name or a number: at least two of lower case, upper
   * case and digits, and not a name of code ({@code userPassword}, {@code settings.SECRET_KEY},
   * {@code YOUR_API_KEY}), which is letters in word-like runs with a word's share of vowels.
   */
  static boolean looksRandom(String value) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      digit |= c >= '0' && c <= '9';
    }
    if ((lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) < 2) {
      return false;
    }
    return digit || !IDENTIFIER_PATH.matcher(value).matches() || RANDOM_CASE.matcher(value).find()
        || vowelShare(value) < 0.25;
  }

  private static double vowelShare(String letters) {
    int vowels = 0;
    int count = 0;
    for (int i = 0; i < letters.length(); i++) {
      char c = letters.charAt(i);
      if (Character.isLetter(c)) {
        count++;
        vowels += VOWELS.indexOf(c) >= 0 ? 1 : 0;
      }
    }
    return count == 0 ? 0 : (double) vowels / count;
  }
}
