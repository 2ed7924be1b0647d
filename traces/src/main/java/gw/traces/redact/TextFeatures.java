package gw.traces.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cheap facts about a text, gathered in one pass, that let most patterns skip the regex scan
 * entirely: a text with no '@' holds no email, one with fewer than 13 digits no card number, one
 * without the pair "xo" no Slack token.
 *
 * <p>The sketch of a text of 64 characters or more is a 4096-bit set of its adjacent character
 * pairs, folded to ignore ASCII case (and, by the fold, to confuse a few punctuation marks with
 * letters); of a shorter text (a word a stream emits), the set of its characters, folded alike. A
 * literal whose pairs or characters are not all in it cannot occur, so most literal checks cost a
 * few bit tests instead of a search through the text; only a literal that passes is searched for.
 */
final class TextFeatures {
  /**
   * Digits of one card, phone, SSN or IPv4 address are never more than this many characters
   * apart (the widest is ") (" in "+1 (555) (123)"), so each such value lies inside one window.
   */
  static final int MAX_GAP_IN_NUMBER = 3;
  /** Room for a leading "+" or "(" and a trailing ")". */
  private static final int WINDOW_MARGIN = 2;
  /** Below this length a literal is looked for directly: the sketch would cost more than it saves. */
  private static final int SKETCH_MIN_LENGTH = 64;
  /** -1 for the characters of a token run (ASCII letters, digits, + / _ -), 0 for the rest (all from 128 up). */
  private static final int[] TOKEN_MASK = new int[256];

  static {
    for (int c = 0; c < 128; c++) {
      TOKEN_MASK[c] = isTokenChar((char) c) ? -1 : 0;
    }
  }

  final String text;
  final int digits;
  final int colons;
  final boolean hasAt;
  /** Length of the longest run of token characters (see {@link #tokenRunStarts}). */
  final int longestToken;
  /** The pair sketch, or null for a short text. */
  private final long[] pairs;
  /** The character set of a short text (128 bits), or null. */
  private final long[] chars;
  private List<DigitWindow> digitWindows;
  private String lowered;

  /** A stretch of text holding a cluster of digits, and how many digits it holds. */
  record DigitWindow(int start, int end, int digits) {}

  private TextFeatures(String text, int digits, int colons, boolean hasAt, int longestToken, long[] pairs,
      long[] chars) {
    this.text = text;
    this.digits = digits;
    this.colons = colons;
    this.hasAt = hasAt;
    this.longestToken = longestToken;
    this.pairs = pairs;
    this.chars = chars;
  }

  static TextFeatures of(String text) {
    int digits = 0;
    int colons = 0;
    boolean hasAt = false;
    boolean shortText = text.length() < SKETCH_MIN_LENGTH;
    long[] pairs = shortText ? null : new long[64];
    long[] chars = shortText ? new long[2] : null;
    int previous = 0;
    int run = 0;
    int longest = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        digits++;
      } else if (c == ':') {
        colons++;
      } else if (c == '@') {
        hasAt = true;
      }
      if (shortText) {
        int folded = foldChar(c);
        chars[folded >>> 6] |= 1L << folded;
      } else {
        int folded = fold(c);
        int pair = previous << 6 | folded;
        pairs[pair >>> 6] |= 1L << pair;
        previous = folded;
      }
      // Branch-free: prose alternates letters and spaces too irregularly for a predicted branch.
      run = (run + 1) & TOKEN_MASK[Math.min(c, 0xFF)];
      longest = Math.max(longest, run);
    }
    return new TextFeatures(text, digits, colons, hasAt, longest, pairs, chars);
  }

  /**
   * Text a pattern looks for, with its character pairs and characters worked out once.
   *
   * @param text the literal; lower case when {@code anyCase}
   * @param anyCase whether it matches in any ASCII case
   */
  record Literal(String text, boolean anyCase, int[] pairs, long[] chars) {
    static Literal of(String literal, boolean anyCase) {
      String text = anyCase ? literal.toLowerCase(Locale.ROOT) : literal;
      int[] pairs = new int[text.length() - 1];
      long[] chars = new long[2];
      for (int i = 0; i < text.length(); i++) {
        if (i > 0) {
          pairs[i - 1] = fold(text.charAt(i - 1)) << 6 | fold(text.charAt(i));
        }
        int folded = foldChar(text.charAt(i));
        chars[folded >>> 6] |= 1L << folded;
      }
      return new Literal(text, anyCase, pairs, chars);
    }
  }

  boolean contains(Literal literal) {
    return indexOf(literal, 0) >= 0;
  }

  /** The first occurrence of {@code literal} at or after {@code from}, or -1. */
  int indexOf(Literal literal, int from) {
    if (from == 0 && !mayHold(literal)) {
      return -1;
    }
    return literal.anyCase() ? lowered().indexOf(literal.text(), from) : text.indexOf(literal.text(), from);
  }

  private boolean mayHold(Literal literal) {
    if (chars != null) {
      long[] needed = literal.chars();
      return (needed[0] & ~chars[0]) == 0 && (needed[1] & ~chars[1]) == 0;
    }
    for (int pair : literal.pairs()) {
      if ((pairs[pair >>> 6] & 1L << pair) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The text in lower case, position for position (only ASCII letters change when lower-casing would shift). */
  private String lowered() {
    if (lowered == null) {
      String lower = text.toLowerCase(Locale.ROOT);
      lowered = lower.length() == text.length() ? lower : asciiLowerCase(text);
    }
    return lowered;
  }

  private static String asciiLowerCase(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }

  /** Clusters of digits at most {@value #MAX_GAP_IN_NUMBER} apart, widened by a small margin; computed once. */
  List<DigitWindow> digitWindows() {
    if (digitWindows == null) {
      digitWindows = findDigitWindows();
    }
    return digitWindows;
  }

  private List<DigitWindow> findDigitWindows() {
    List<DigitWindow> windows = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int first = i;
      int last = i;
      int count = 1;
      for (i = first + 1; i < text.length() && i - last <= MAX_GAP_IN_NUMBER + 1; i++) {
        if (isDigit(text.charAt(i))) {
          last = i;
          count++;
        }
      }
      windows.add(new DigitWindow(Math.max(0, first - WINDOW_MARGIN),
          Math.min(text.length(), last + 1 + WINDOW_MARGIN), count));
    }
    return windows;
  }

  /**
   * Where the runs of at least {@code minLength} token characters (ASCII letters, digits, {@code + / _ -})
   * start: a pattern whose matches are such a run (a base64 blob) is tried only there.
   */
  List<Integer> tokenRunStarts(int minLength) {
    List<Integer> starts = new ArrayList<>();
    if (longestToken < minLength) {
      return starts;
    }
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && TOKEN_MASK[Math.min(text.charAt(i), 0xFF)] != 0) {
        continue;
      }
      if (i - start >= minLength) {
        starts.add(start);
      }
      start = i + 1;
    }
    return starts;
  }

  private static int fold(char c) {
    return (c | 0x20) & 0x3F;
  }

  private static int foldChar(char c) {
    return (c | 0x20) & 0x7F;
  }

  private static boolean isTokenChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || "+/_-".indexOf(c) >= 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
