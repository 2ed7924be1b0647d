package gw.traces.redact;

import java.util.List;
import java.util.SplittableRandom;

/** Seeded random pieces for generated corpora: the same seed always draws the same texts. */
final class Draw {
  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";
  static final String ALNUM = UPPER + LOWER + DIGITS;
  static final String HEX = "0123456789abcdef";
  static final String BASE64 = ALNUM + "+/";
  static final String BASE64URL = ALNUM + "-_";

  private final SplittableRandom random;

  Draw(long seed) {
    random = new SplittableRandom(seed);
  }

  int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  String pick(String... items) {
    return items[random.nextInt(items.length)];
  }

  String of(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  String of(String alphabet, int min, int max) {
    return of(alphabet, between(min, max));
  }

  /** A secret as a password manager makes one: each of lower, upper and digit present, then shuffled. */
  String password(String alphabet, int length) {
    char[] chars = (of(LOWER, 1) + of(UPPER, 1) + of(DIGITS, 1) + of(alphabet, length - 3)).toCharArray();
    for (int i = chars.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char c = chars[i];
      chars[i] = chars[j];
      chars[j] = c;
    }
    return new String(chars);
  }
}
