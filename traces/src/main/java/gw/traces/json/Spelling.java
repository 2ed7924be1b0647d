package gw.traces.json;

import java.util.Collection;

/** "Did you mean ...?" for a misspelt name: the closest known name within two edits, else one that starts with it (or it with). */
public final class Spelling {
  private static final int MAX_EDITS = 2;

  private Spelling() {}

  public static String nearest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String candidate : known) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null) {
      for (String candidate : known) {
        if (candidate.startsWith(name) || name.startsWith(candidate)) {
          return candidate;
        }
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
