package gw.traces.quality;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap answer checks that need no extra model call: each looks only at the answer, the prompt and
 * the retrieved documents. Thread-safe and stateless.
 *
 * <ul>
 *   <li>{@code empty_output}: no text and no tool call;
 *   <li>{@code truncated}: stopped by the token limit ({@code length}) or cut before its end;
 *   <li>{@code refusal}: opens like a refusal ("I'm sorry, but I can't ...");
 *   <li>{@code brand_tone}: contains a phrase from the configured list;
 *   <li>{@code ungrounded_numbers}: a RAG answer states a number of two or more digits that is in no
 *       document and not in the prompt;
 *   <li>{@code citation_missing}: the prompt asks to cite sources and the answer has no {@code [tag]};
 *   <li>{@code invalid_json}: JSON was requested and the answer does not parse as JSON;
 *   <li>{@code expected_facts}: the request listed facts a correct answer contains (case-insensitive
 *       phrases) and one is missing.
 * </ul>
 */
public final class QualityProxies {
  private static final Pattern REFUSAL = Pattern.compile(
      "^\\s*(i'?m sorry,? but i (can(no|')t|won'?t|am unable)|i (can(no|')t|won'?t) (help|assist|answer)"
          + "|i am unable to|as an ai( language model)?,? i|that (question|request) is outside)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*\\d");
  private static final Pattern CITE_REQUEST = Pattern.compile("\\bcit(e|ing|ation)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CITATION = Pattern.compile("\\[[^\\]\\s][^\\]]*\\]");
  private static final JsonFactory JSON = new JsonFactory();

  private final List<String> bannedPhrases;

  public QualityProxies(List<String> bannedPhrases) {
    this.bannedPhrases = bannedPhrases.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
  }

  public QualityResult evaluate(QualityInput in) {
    List<String> checked = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    String answer = in.answer() == null ? "" : in.answer();
    check("empty_output", answer.isBlank() && !in.hasToolCalls(), checked, failed);
    check("truncated", in.finishReason() == null || "length".equals(in.finishReason()), checked, failed);
    if (answer.isBlank()) {
      return new QualityResult(checked, failed);
    }
    check("refusal", isRefusal(answer), checked, failed);
    if (!bannedPhrases.isEmpty()) {
      String lower = answer.toLowerCase(Locale.ROOT);
      check("brand_tone", bannedPhrases.stream().anyMatch(lower::contains), checked, failed);
    }
    if (!in.documents().isEmpty()) {
      check("ungrounded_numbers", hasUngroundedNumber(answer, in), checked, failed);
    }
    if (in.prompt() != null && CITE_REQUEST.matcher(in.prompt()).find()) {
      check("citation_missing", !CITATION.matcher(answer).find(), checked, failed);
    }
    if (in.jsonRequested()) {
      check("invalid_json", !isJson(answer), checked, failed);
    }
    if (!in.expectedFacts().isEmpty()) {
      String lower = answer.toLowerCase(Locale.ROOT);
      check("expected_facts", in.expectedFacts().stream()
          .anyMatch(f -> !lower.contains(f.toLowerCase(Locale.ROOT))), checked, failed);
    }
    return new QualityResult(checked, failed);
  }

  /** Whether the answer opens like a refusal ("I'm sorry, but I can't ..."). */
  public static boolean isRefusal(String answer) {
    return REFUSAL.matcher(answer).find();
  }

  private static void check(String name, boolean failing, List<String> checked, List<String> failed) {
    checked.add(name);
    if (failing) {
      failed.add(name);
    }
  }

  private static boolean hasUngroundedNumber(String answer, QualityInput in) {
    return !ungroundedNumbers(answer, in.prompt(), in.documents()).isEmpty();
  }

  /**
   * The numbers of two or more digits in the answer, in order and without repeats, that appear in
   * no document and not in the prompt: the evidence behind {@code ungrounded_numbers}.
   */
  public static List<String> ungroundedNumbers(String answer, String prompt, List<String> documents) {
    List<String> out = new ArrayList<>();
    if (answer == null) {
      return out;
    }
    Matcher m = NUMBER.matcher(answer);
    while (m.find()) {
      String number = m.group();
      boolean grounded = (prompt != null && prompt.contains(number))
          || documents.stream().anyMatch(d -> d != null && d.contains(number));
      if (!grounded && !out.contains(number)) {
        out.add(number);
      }
    }
    return out;
  }

  private static boolean isJson(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
