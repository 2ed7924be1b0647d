package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerComposerTest {

  private static final List<ContextDocument> KB = List.of(
      new ContextDocument("kb/refunds.md",
          "Refunds are accepted within 30 days of purchase. Refunds go back to the original payment method."),
      new ContextDocument("kb/shipping.md",
          "Standard shipping takes 5 business days. Express shipping takes 2 business days."));

  @Test
  void picksTheSentencesThatShareTheQuestionsWords() {
    Answer answer = AnswerComposer.compose(new Prompt(KB, "How many days do I have to ask for a refund?", ""));

    assertThat(answer.text()).startsWith("Refunds are accepted within 30 days of purchase.");
    assertThat(answer.text()).doesNotContain("shipping");
    assertThat(answer.sources()).containsExactly("kb/refunds.md");
  }

  @Test
  void citesSourcesWhenTheInstructionsAskForIt() {
    Answer answer = AnswerComposer.compose(new Prompt(KB, "How long does express shipping take?",
        "Always cite the Source of each fact."));

    assertThat(answer.text()).isEqualTo("Express shipping takes 2 business days. [kb/shipping.md]");
  }

  @Test
  void inflectedFormsOfAWordMatch() {
    List<ContextDocument> kb = List.of(new ContextDocument("kb/damaged-items.md",
        "If an item arrives damaged, report it within 48 hours of delivery."));
    Answer answer = AnswerComposer.compose(new Prompt(kb, "My blender arrived with a damage on the jar.", ""));

    assertThat(answer.text()).isEqualTo("If an item arrives damaged, report it within 48 hours of delivery.");
    assertThat(Words.significant("This does arrive")).containsExactly("arriv");
  }

  @Test
  void withoutContextRestatesTheQuestion() {
    Answer answer = AnswerComposer.compose(new Prompt(List.of(), "What is the capital of Peru?", ""));

    assertThat(answer.text()).startsWith("Based on the information available")
        .contains("What is the capital of Peru?");
    assertThat(answer.sources()).isEmpty();
  }

  @Test
  void contextWithoutAMatchSaysSo() {
    Answer answer = AnswerComposer.compose(new Prompt(KB, "Who won the football cup?", ""));

    assertThat(answer.text()).contains("does not contain information").contains("football cup");
  }

  @Test
  void jsonRenderingCarriesAnswerAndSources() {
    Answer answer = new Answer("Refunds take \"30\" days.", List.of("kb/refunds.md"));

    assertThat(new io.vertx.core.json.JsonObject(answer.toJsonString()).getString("answer"))
        .isEqualTo("Refunds take \"30\" days.");
    assertThat(AnswerComposer.asksForJson("Reply in JSON only.")).isTrue();
    assertThat(AnswerComposer.asksForJson("Reply in plain prose.")).isFalse();
  }
}
