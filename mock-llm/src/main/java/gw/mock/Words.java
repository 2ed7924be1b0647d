package gw.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Crude word normalisation shared by answer scoring, tool matching and embeddings. */
final class Words {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP = Set.of(
      "a", "an", "the", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "of", "to", "in",
      "on", "at", "for", "with", "by", "from", "and", "or", "what", "which", "who", "whom", "how", "when",
      "where", "why", "can", "could", "i", "you", "my", "your", "me", "we", "our", "us", "it", "its", "this",
      "that", "these", "those", "about", "as", "into", "there", "their", "they", "will", "would", "should",
      "please", "tell", "have", "has", "had", "if", "not", "no", "so", "than", "then", "any", "some", "get");

  private Words() {
  }

  /** Lower-cased, stemmed words of {@code text} without stop words. */
  static List<String> significant(String text) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(text);
    while (matcher.find()) {
      String lower = matcher.group().toLowerCase(Locale.ROOT);
      if (!STOP.contains(lower)) {
        words.add(normalise(lower));
      }
    }
    return words;
  }

  /**
   * A crude stem, so "arrived", "arrives" and "arrive" (or "damaged" and "damage") match: plural
   * and -ed / -ing endings off, then a final e.
   */
  static String normalise(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 5 && w.endsWith("ing")) {
      w = w.substring(0, w.length() - 3);
    } else if (w.length() > 4 && w.endsWith("ed")) {
      w = w.substring(0, w.length() - 2);
    } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      w = w.substring(0, w.length() - 1);
    }
    return w.length() > 4 && w.endsWith("e") ? w.substring(0, w.length() - 1) : w;
  }
}
