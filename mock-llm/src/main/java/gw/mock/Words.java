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

  /** Lower-cased, singularised words of {@code text} without stop words. */
  static List<String> significant(String text) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(text);
    while (matcher.find()) {
      String word = normalise(matcher.group());
      if (!STOP.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  static String normalise(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.length() > 4 && lower.endsWith("ies")) {
      return lower.substring(0, lower.length() - 3) + "y";
    }
    if (lower.length() > 3 && lower.endsWith("s") && !lower.endsWith("ss")) {
      return lower.substring(0, lower.length() - 1);
    }
    return lower;
  }
}
