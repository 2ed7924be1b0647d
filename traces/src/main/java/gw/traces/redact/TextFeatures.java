package gw.traces.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * Cheap facts about a text, gathered in one pass, that let most patterns skip the regex scan
 * entirely: a text with no '@' holds no email, one with fewer than 13 digits no card number.
 */
final class TextFeatures {
  /**
   * Digits of one card, phone, SSN or IPv4 address are never more than this many characters
   * apart (the widest is ") (" in "+1 (555) (123)"), so each such value lies inside one window.
   */
  static final int MAX_GAP_IN_NUMBER = 3;
  /** Room for a leading "+" or "(" and a trailing ")". */
  private static final int WINDOW_MARGIN = 2;

  final String text;
  final int digits;
  final int colons;
  final boolean hasAt;
  private List<DigitWindow> digitWindows;

  /** A stretch of text holding a cluster of digits, and how many digits it holds. */
  record DigitWindow(int start, int end, int digits) {}

  private TextFeatures(String text, int digits, int colons, boolean hasAt) {
    this.text = text;
    this.digits = digits;
    this.colons = colons;
    this.hasAt = hasAt;
  }

  static TextFeatures of(String text) {
    int digits = 0;
    int colons = 0;
    boolean hasAt = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        digits++;
      } else if (c == ':') {
        colons++;
      } else if (c == '@') {
        hasAt = true;
      }
    }
    return new TextFeatures(text, digits, colons, hasAt);
  }

  boolean contains(String literal) {
    return text.contains(literal);
  }

  /** For a lower-case ASCII literal: compares in full only where the first letter matches. */
  boolean containsIgnoreCase(String literal) {
    char first = literal.charAt(0);
    int last = text.length() - literal.length();
    for (int i = 0; i <= last; i++) {
      if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, literal, 0, literal.length())) {
        return true;
      }
    }
    return false;
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

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
