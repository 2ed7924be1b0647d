package gw.traces.redact;

/**
 * Finds positions where a text can be cut without changing what the redactor matches. Depends on
 * the patterns in {@link DefaultPatterns}: none spans a line break, and inside a match a space or
 * tab only follows a digit, ")", ":", "=" or the word "bearer", or precedes ":" or "=".
 */
final class SafeBreaks {
  private SafeBreaks() {}

  /** The largest position after a whitespace run that is safe to cut at; 0 when there is none. */
  static int lastSafeCut(CharSequence text) {
    int i = text.length();
    while (i > 0) {
      i = wordStart(text, i);
      int runEnd = i;
      while (i > 0 && isSpace(text.charAt(i - 1))) {
        i--;
      }
      if (runEnd > i && isSafeRun(text, i, runEnd)) {
        return runEnd;
      }
    }
    return 0;
  }

  /** Start of the non-space word containing position pos. */
  static int wordStart(CharSequence text, int pos) {
    int i = pos;
    while (i > 0 && !isSpace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean isSafeRun(CharSequence text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
    }
    if (start == 0) {
      return true;
    }
    if (end == text.length()) {
      return false; // the next character decides, and it has not arrived
    }
    char before = text.charAt(start - 1);
    char after = text.charAt(end);
    if (Character.isDigit(before) || "):=+".indexOf(before) >= 0 || after == ':' || after == '=') {
      return false;
    }
    return !endsWithBearer(text, start);
  }

  private static boolean endsWithBearer(CharSequence text, int end) {
    String word = "bearer";
    int begin = end - word.length();
    if (begin < 0 || begin > 0 && Character.isLetterOrDigit(text.charAt(begin - 1))) {
      return false;
    }
    return text.subSequence(begin, end).toString().equalsIgnoreCase(word);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
