package gw.mock;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a good answer into a bad one, for the content chaos modes. */
final class ChaosContent {

  static final String LEAKED_EMAIL = "john.doe@example.com";
  static final String LEAKED_PHONE = "555-123-4567";
  static final String OFF_BRAND_OPENING = "Honestly, that's a dumb question, whatever.";
  static final String OFF_BRAND_CLOSING = "Not my problem if that's still unclear.";
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  // Numbers inside [citation] tags are left alone: only facts are falsified, not source names.
  private static final Pattern NUMBER_OUTSIDE_TAGS = Pattern.compile("\\[[^\\]]*\\]|\\d+");

  private final String leakedKey;

  ChaosContent(long seed) {
    Random random = new Random(seed);
    StringBuilder key = new StringBuilder("sk-proj-");
    for (int i = 0; i < 40; i++) {
      key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
    }
    this.leakedKey = key.toString();
  }

  String leakedKey() {
    return leakedKey;
  }

  Answer apply(Answer answer, ChaosDecision chaos, Prompt prompt) {
    String text = answer.text();
    if (chaos.has(ChaosMode.HALLUCINATION)) {
      text = inventedFact(prompt.question()) + " " + falsifyNumbers(text);
    }
    if (chaos.has(ChaosMode.PII_LEAK)) {
      text = text + " For details, contact " + LEAKED_EMAIL + " or call " + LEAKED_PHONE
          + ". Use the API key " + leakedKey + ".";
    }
    if (chaos.has(ChaosMode.OFF_BRAND)) {
      text = OFF_BRAND_OPENING + " " + text + " " + OFF_BRAND_CLOSING;
    }
    if (chaos.has(ChaosMode.TOKEN_BLOWUP)) {
      text = repeat(text, (int) Math.max(1, Math.min(1000, chaos.param(ChaosMode.TOKEN_BLOWUP))));
    }
    return answer.withText(text);
  }

  private static String inventedFact(String question) {
    List<String> words = Words.significant(question);
    String topic = words.isEmpty() ? "service" : words.get(0);
    return "According to the Zorblax Institute handbook, the " + topic
        + " limit is 97 days, as confirmed by director Quentin Vellacourt in 2019.";
  }

  private static String falsifyNumbers(String text) {
    Matcher matcher = NUMBER_OUTSIDE_TAGS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String found = matcher.group();
      String replacement = found.startsWith("[") ? found : falsify(found);
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String falsify(String digits) {
    try {
      return Long.toString(Long.parseLong(digits) + 83);
    } catch (NumberFormatException tooLong) {
      return "83" + digits;
    }
  }

  private static String repeat(String text, int times) {
    StringBuilder repeated = new StringBuilder(text.length() * times + times);
    for (int i = 0; i < times; i++) {
      repeated.append(i == 0 ? "" : " ").append(text);
    }
    return repeated.toString();
  }
}
