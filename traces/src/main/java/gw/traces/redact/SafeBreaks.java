package gw.traces.redact;

import java.util.Set;

/**
 * Positions where a text can be cut without changing what the redactor matches. A whitespace run
 * is a safe break when it holds a line break, or when it separates two words in a way no value
 * continues across: not after a digit, ")", ":", "=", "+", an IBAN-like group of four capitals or
 * digits, or a word the catalogue lists in {@code space_after} ("Bearer"), and not before ":" or
 * "=". {@link Redactor} drops any match with a safe break inside (except a pattern's
 * {@code spans_lines} blocks, which {@link StreamRedactor} holds back whole), so a cut here never
 * splits a value.
 */
final class SafeBreaks {
  private static final int IBAN_GROUP = 4;

  /** Lower-case words after which a space may continue a value. */
  private final Set<String> wordsBeforeValues;

  SafeBreaks(Set<String> wordsBeforeValues) {
    this.wordsBeforeValues = Set.copyOf(wordsBeforeValues);
  }

  /** The largest position after a whitespace run that is safe to cut at; 0 when there is none. */
  int lastSafeCut(CharSequence text) {
    return lastSafeCut(text, text.length());
  }

  /** The largest safe cut at or before {@code limit}, judged with the whole text; 0 when there is none. */
  int lastSafeCut(CharSequence text, int limit) {
    int i = limit;
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

  /** Start of the first safe whitespace run strictly inside [from, to), or -1. */
  int firstSafeRunInside(CharSequence text, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (!isSpace(text.charAt(i)) || isSpace(text.charAt(i - 1))) {
        continue;
      }
      int end = i;
      while (end < to && isSpace(text.charAt(end))) {
        end++;
      }
      if (isSafeRun(text, i, end)) {
        return i;
      }
      i = end;
    }
    return -1;
  }

  /** Start of the non-space word containing position pos. */
  static int wordStart(CharSequence text, int pos) {
    int i = pos;
    while (i > 0 && !isSpace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private boolean isSafeRun(CharSequence text, int start, int end) {
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
    if (endsWithIbanGroup(text, start)) {
      return false;
    }
    for (String word : wordsBeforeValues) {
      if (endsWithWord(text, start, word)) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWithIbanGroup(CharSequence text, int end) {
    int begin = end - IBAN_GROUP;
    if (begin < 0 || begin > 0 && Character.isLetterOrDigit(text.charAt(begin - 1))) {
      return false;
    }
    for (int i = begin; i < end; i++) {
      char c = text.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** Whether the text before {@code end} is {@code word} (any case), not the tail of a longer word. */
  private static boolean endsWithWord(CharSequence text, int end, String word) {
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
