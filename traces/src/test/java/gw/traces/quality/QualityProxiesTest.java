package gw.traces.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityProxiesTest {
  private final QualityProxies proxies = new QualityProxies(List.of("dumb question", "not my problem"));
  private static final List<String> DOCS = List.of("Refunds are accepted within 30 days of delivery.",
      "Express shipping costs 12 dollars.");

  private QualityResult rag(String answer) {
    return proxies.evaluate(new QualityInput(answer, false, "stop", "How long do I have to return it?", DOCS, false));
  }

  @Test
  void aGroundedCompleteAnswerPassesEveryCheck() {
    QualityResult r = rag("You can return it within 30 days of delivery.");
    assertThat(r.failed()).isEmpty();
    assertThat(r.checked()).contains("empty_output", "truncated", "refusal", "brand_tone", "ungrounded_numbers");
    assertThat(r.score()).isEqualTo(1.0);
  }

  @Test
  void aNumberInNoDocumentIsUngrounded() {
    assertThat(rag("You can return it within 97 days.").failed()).containsExactly("ungrounded_numbers");
    assertThat(rag("Express shipping costs 12 dollars.").failed()).isEmpty();
  }

  @Test
  void emptyAndTruncatedAnswersFail() {
    assertThat(proxies.evaluate(new QualityInput("", false, "stop", "q", List.of(), false)).failed())
        .containsExactly("empty_output");
    assertThat(proxies.evaluate(new QualityInput(null, true, "tool_calls", "q", List.of(), false)).failed()).isEmpty();
    assertThat(proxies.evaluate(new QualityInput("Refunds are", false, "length", "q", List.of(), false)).failed())
        .containsExactly("truncated");
    assertThat(proxies.evaluate(new QualityInput("Refunds are", false, null, "q", List.of(), false)).failed())
        .as("a stream cut before its end").containsExactly("truncated");
  }

  @Test
  void refusalsAreRecognisedButAnApologyWithAnAnswerIsNot() {
    assertThat(rag("I'm sorry, but I can't help with that.").failed()).contains("refusal");
    assertThat(rag("I cannot answer questions about orders.").failed()).contains("refusal");
    assertThat(rag("Sorry for the wait: refunds take 30 days.").failed()).doesNotContain("refusal");
  }

  @Test
  void bannedPhrasesFailBrandTone() {
    assertThat(rag("Honestly, that's a DUMB question. Refunds take 30 days.").failed()).containsExactly("brand_tone");
  }

  @Test
  void aPromptThatAsksForCitationsNeedsATag() {
    QualityInput without = new QualityInput("Refunds take 30 days.", false, "stop",
        "Answer from the context and cite sources.", DOCS, false);
    QualityInput with = new QualityInput("Refunds take 30 days [refunds.md].", false, "stop",
        "Answer from the context and cite sources.", DOCS, false);
    assertThat(proxies.evaluate(without).failed()).containsExactly("citation_missing");
    assertThat(proxies.evaluate(with).failed()).isEmpty();
    assertThat(rag("Refunds take 30 days.").checked()).doesNotContain("citation_missing");
  }

  @Test
  void jsonWasRequestedSoTheAnswerMustParse() {
    assertThat(proxies.evaluate(new QualityInput("{\"days\": 30}", false, "stop", "q", List.of(), true)).failed())
        .isEmpty();
    assertThat(proxies.evaluate(new QualityInput("{\"days\": 30", false, "stop", "q", List.of(), true)).failed())
        .containsExactly("invalid_json");
    assertThat(proxies.evaluate(new QualityInput("{} trailing", false, "stop", "q", List.of(), true)).failed())
        .containsExactly("invalid_json");
  }

  @Test
  void expectedFactsMustAllAppearInTheAnswer() {
    QualityInput all = new QualityInput("Refunds take 30 DAYS from delivery.", false, "stop", "q", DOCS, false,
        List.of("30 days", "delivery"));
    QualityInput missing = new QualityInput("Refunds take 30 days.", false, "stop", "q", DOCS, false,
        List.of("30 days", "delivery"));
    assertThat(proxies.evaluate(all).failed()).isEmpty();
    assertThat(proxies.evaluate(all).checked()).contains("expected_facts");
    assertThat(proxies.evaluate(missing).failed()).containsExactly("expected_facts");
    assertThat(rag("Refunds take 30 days from delivery.").checked()).doesNotContain("expected_facts");
  }
}
