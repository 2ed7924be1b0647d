package gw.mock;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The realistic profile's draws for one request, seeded from a hash of its model and messages, so the
 * same request always gets the same pace, length and style:
 * <ul>
 *   <li>time to first token 300 ms to 2 s, skewed low (median about 560 ms, p95 about 1.7 s);</li>
 *   <li>30 to 90 tokens/s, most near 60;</li>
 *   <li>answer length 60 to 300 tokens, and a long tail: 5% of answers (and every request that asks for
 *       detail) 400 to 900 tokens;</li>
 *   <li>citations where the prompt asks for them: 85% after each sentence, 12% in a closing sources line,
 *       3% numbered footnotes; every style keeps a bracketed tag;</li>
 *   <li>a phone number the user gave echoed as written half of the time, else reformatted.</li>
 * </ul>
 */
record RealisticPlan(Pace pace, int targetTokens, boolean longAnswer, CitationStyle citations,
                     PhoneFormat phoneFormat, int variant) {

  static final long MIN_TTFT_MS = 300;
  static final long MAX_TTFT_MS = 2_000;
  static final double MIN_TOKENS_PER_SECOND = 30;
  static final double MAX_TOKENS_PER_SECOND = 90;
  static final double LONG_ANSWER_SHARE = 0.05;
  static final int MIN_TOKENS = 60;
  static final int MAX_TOKENS = 300;
  static final int MIN_LONG_TOKENS = 400;
  static final int MAX_LONG_TOKENS = 900;
  private static final Pattern ASKS_FOR_DETAIL = Pattern.compile(
      "in detail|step by step|detailed|walk me through|everything about", Pattern.CASE_INSENSITIVE);

  enum CitationStyle { INLINE, SOURCES_LINE, NUMBERED }

  enum PhoneFormat { AS_WRITTEN, SPACES, DASHES }

  static RealisticPlan of(ChatRequest request) {
    return draw(seed(request.model(), request.messages()), asksForDetail(request.messages()));
  }

  static RealisticPlan draw(long seed, boolean detailAsked) {
    SplittableRandom random = new SplittableRandom(seed);
    // A skewed log-uniform draw: most answers start fast, a few wait close to two seconds.
    double skew = Math.pow(random.nextDouble(), 1.6);
    long ttft = Math.round(MIN_TTFT_MS * Math.pow((double) MAX_TTFT_MS / MIN_TTFT_MS, skew));
    double speed = MIN_TOKENS_PER_SECOND
        + (MAX_TOKENS_PER_SECOND - MIN_TOKENS_PER_SECOND) * (random.nextDouble() + random.nextDouble()) / 2;
    boolean longAnswer = random.nextDouble() < LONG_ANSWER_SHARE || detailAsked;
    int target = longAnswer
        ? MIN_LONG_TOKENS + random.nextInt(MAX_LONG_TOKENS - MIN_LONG_TOKENS + 1)
        : MIN_TOKENS + (int) Math.round((MAX_TOKENS - MIN_TOKENS) * Math.pow(random.nextDouble(), 2));
    double style = random.nextDouble();
    CitationStyle citations = style < 0.85 ? CitationStyle.INLINE
        : style < 0.97 ? CitationStyle.SOURCES_LINE : CitationStyle.NUMBERED;
    double phone = random.nextDouble();
    PhoneFormat phoneFormat = phone < 0.5 ? PhoneFormat.AS_WRITTEN
        : phone < 0.75 ? PhoneFormat.SPACES : PhoneFormat.DASHES;
    return new RealisticPlan(new Pace(ttft, speed), target, longAnswer, citations, phoneFormat,
        random.nextInt(Integer.MAX_VALUE));
  }

  static long seed(String model, List<ChatMessage> messages) {
    StringBuilder text = new StringBuilder(model);
    for (ChatMessage message : messages) {
      text.append('\n').append(message.role()).append(':').append(message.text());
    }
    return Hashing.fnv64(text.toString());
  }

  private static boolean asksForDetail(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).role())) {
        return ASKS_FOR_DETAIL.matcher(messages.get(i).text()).find();
      }
    }
    return false;
  }

  /** One of {@code options}, the same one for the same plan. */
  <T> T pick(List<T> options, int salt) {
    return options.get(Math.floorMod(variant + salt * 7919, options.size()));
  }
}
