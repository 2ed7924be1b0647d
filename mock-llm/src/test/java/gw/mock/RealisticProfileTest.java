package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import gw.mock.client.RagPrompt;
import gw.mock.client.RealisticQuestions;
import gw.mock.client.SampleQuestion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The realistic profile's draws and answers, computed from its planning code: no sockets. */
class RealisticProfileTest {

  // The same patterns as the gateway's quality proxies (gw.traces.quality.QualityProxies), which this
  // module cannot depend on: a realistic healthy answer must pass them.
  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*\\d");
  private static final Pattern REFUSAL = Pattern.compile(
      "^\\s*(i'?m sorry,? but i (can(no|')t|won'?t|am unable)|i (can(no|')t|won'?t) (help|assist|answer)"
          + "|i am unable to|as an ai( language model)?,? i)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CITATION = Pattern.compile("\\[[^\\]\\s][^\\]]*\\]");
  private static final KnowledgeIndex INDEX = new KnowledgeIndex(KnowledgeBase.realistic());
  private static final double CONFIDENT_TOP_SCORE = 0.3;
  private static final ModelProfile MODEL = ModelProfiles.forChat("gpt-4o");
  private static final Tokenizer TOKENIZER = Tokenizer.shared();

  @Test
  void paceAndLengthFollowProviderLikeDistributionsWithALongTail() {
    List<RealisticPlan> plans = IntStream.range(0, 500)
        .mapToObj(i -> RealisticPlan.draw(Hashing.fnv64("request " + i), false)).toList();

    assertThat(plans).allSatisfy(plan -> {
      assertThat(plan.pace().ttftMs()).isBetween(300L, 2_000L);
      assertThat(plan.pace().tokensPerSecond()).isBetween(30.0, 90.0);
    });
    assertThat(plans.stream().mapToLong(plan -> plan.pace().ttftMs()).min().orElseThrow()).isLessThan(400);
    assertThat(plans.stream().mapToLong(plan -> plan.pace().ttftMs()).max().orElseThrow()).isGreaterThan(1_500);
    assertThat(median(plans.stream().mapToDouble(plan -> plan.pace().ttftMs()).toArray())).isBetween(400.0, 800.0);
    assertThat(plans.stream().mapToDouble(plan -> plan.pace().tokensPerSecond()).min().orElseThrow()).isLessThan(40);
    assertThat(plans.stream().mapToDouble(plan -> plan.pace().tokensPerSecond()).max().orElseThrow())
        .isGreaterThan(80);
    List<RealisticPlan> longOnes = plans.stream().filter(RealisticPlan::longAnswer).toList();
    assertThat(longOnes.size()).as("long tail of 500").isBetween(12, 45);
    assertThat(longOnes).allSatisfy(plan -> assertThat(plan.targetTokens()).isBetween(400, 900));
    assertThat(plans.stream().filter(plan -> !plan.longAnswer()))
        .allSatisfy(plan -> assertThat(plan.targetTokens()).isBetween(60, 300));
  }

  @Test
  void theSameRequestIsPlannedTheSameWayAndAskingForDetailMakesItLong() {
    ChatRequest request = request("How long does express shipping take?", documentsFor("express shipping"));
    assertThat(RealisticPlan.of(request)).isEqualTo(RealisticPlan.of(request(
        "How long does express shipping take?", documentsFor("express shipping"))));
    assertThat(IntStream.range(0, 20).mapToObj(i -> RealisticPlan.of(request("Question " + i, new JsonArray())))
        .distinct()).hasSizeGreaterThan(15);
    assertThat(RealisticPlan.of(request(RealisticQuestions.askingForDetail("How do refunds work?"),
        new JsonArray())).longAnswer()).isTrue();
  }

  @Test
  void everyRealisticMessageRetrievesItsDocumentAndGetsAGroundedCitedAnswerWithItsFacts() {
    for (SampleQuestion question : RealisticQuestions.inScope()) {
      List<KnowledgeIndex.Hit> hits = INDEX.search(question.text(), 3);
      assertThat(hits.get(0).document().source()).as(question.text()).isEqualTo(question.source());
      assertThat(hits.get(0).score()).as(question.text()).isGreaterThanOrEqualTo(CONFIDENT_TOP_SCORE);
      for (String message : waysToWrite(question)) {
        String prompt = RagPrompt.messages(message, documentsFor(question.text())).encode();
        String answer = answer(message, documentsFor(question.text())).text();
        String lower = answer.toLowerCase(Locale.ROOT);
        question.expectedFacts().forEach(fact -> assertThat(lower).as(message).contains(fact.toLowerCase(Locale.ROOT)));
        assertThat(CITATION.matcher(answer).find()).as(message).isTrue();
        assertThat(REFUSAL.matcher(answer).find()).as(message).isFalse();
        assertThat(ungroundedNumbers(answer, prompt)).as(message + "\n" + answer).isEmpty();
      }
    }
  }

  @Test
  void answersRepeatTheUsersOwnDetailsSometimesReformatted() {
    String message = "This is Jane Doe, (415) 555-0132, jane.doe@example.com, order #A12345. "
        + "How long does express shipping take?";
    Answer answer = answer(message, documentsFor("express shipping"));
    assertThat(answer.text()).contains("Jane").contains("jane.doe@example.com").contains("A12345");

    UserDetails details = UserDetails.find(message);
    assertThat(details.question()).isEqualTo(", , , . How long does express shipping take?");
    assertThat(details.phoneAs(RealisticPlan.PhoneFormat.AS_WRITTEN)).isEqualTo("(415) 555-0132");
    assertThat(details.phoneAs(RealisticPlan.PhoneFormat.SPACES)).isEqualTo("415 555 0132");
    assertThat(details.phoneAs(RealisticPlan.PhoneFormat.DASHES)).isEqualTo("415-555-0132");
    assertThat(UserDetails.find("Call me on +1 646 555 0110").phoneAs(RealisticPlan.PhoneFormat.SPACES))
        .isEqualTo("646 555 0110");
    List<String> phones = new ArrayList<>();
    for (SampleQuestion question : RealisticQuestions.inScope()) {
      for (String written : RealisticQuestions.writtenWithDetails(question, "A12345")) {
        String phone = UserDetails.find(written).phone();
        if (phone != null) {
          String text = answer(written, documentsFor(question.text())).text();
          phones.add(text.contains(phone) ? "as written" : text.contains(phone.replaceAll("\\D", "").substring(
              phone.replaceAll("\\D", "").length() - 4)) ? "reformatted" : "missing");
        }
      }
    }
    assertThat(phones).contains("as written", "reformatted").doesNotContain("missing");
  }

  @Test
  void contactDataLivesInTheRealisticKnowledgeBaseAndIsQuoted() {
    assertThat(KnowledgeBase.realistic()).anyMatch(doc -> doc.content().contains(KnowledgeBase.SUPPORT_EMAIL)
        && doc.content().contains(KnowledgeBase.SUPPORT_PHONE));
    assertThat(KnowledgeBase.documents()).noneMatch(doc -> doc.content().contains("@"));
    String answer = answer("How can customer support be reached by email or phone?",
        documentsFor("How can customer support be reached by email or phone?")).text();
    assertThat(answer).contains(KnowledgeBase.SUPPORT_EMAIL).contains(KnowledgeBase.SUPPORT_PHONE)
        .contains("**Short answer:**");
  }

  @Test
  void longAnswersAreLongAndWrittenInMarkdownLists() {
    String message = RealisticQuestions.askingForDetail("How do I report a damaged item?");
    Answer answer = answer(message, documentsFor("How do I report a damaged item?"));
    int tokens = TOKENIZER.count(MODEL, answer.text());
    assertThat(tokens).isBetween(400, 1_000);
    assertThat(answer.text()).contains("### Step by step").contains("\n1. ").contains("\n- ");
  }

  @Test
  void outOfScopeQuestionsGetAPoliteRefusal() {
    for (SampleQuestion question : RealisticQuestions.outOfScope()) {
      assertThat(RealisticAnswers.REFUSALS).contains(answer(question.text(), documentsFor(question.text())).text());
    }
  }

  @Test
  void citationsAreMostlyInTheRequestedFormat() {
    List<RealisticPlan.CitationStyle> styles = IntStream.range(0, 500)
        .mapToObj(i -> RealisticPlan.draw(Hashing.fnv64("style " + i), false).citations()).toList();
    long inline = styles.stream().filter(style -> style == RealisticPlan.CitationStyle.INLINE).count();
    assertThat(inline).isBetween(375L, 475L);
    assertThat(styles).contains(RealisticPlan.CitationStyle.SOURCES_LINE, RealisticPlan.CitationStyle.NUMBERED);
  }

  private static List<String> waysToWrite(SampleQuestion question) {
    List<String> ways = new ArrayList<>(RealisticQuestions.writtenWithDetails(question, "A12345"));
    ways.add(question.text());
    ways.add(RealisticQuestions.askingForDetail(question.text()));
    return ways;
  }

  private static Answer answer(String message, JsonArray documents) {
    ChatRequest request = request(message, documents);
    return RealisticAnswers.compose(PromptReader.read(request.messages()), RealisticPlan.of(request),
        text -> TOKENIZER.count(MODEL, text));
  }

  private static ChatRequest request(String message, JsonArray documents) {
    return ChatRequest.from(new JsonObject().put("model", "gpt-4o").put("messages",
        RagPrompt.messages(message, documents)));
  }

  private static JsonArray documentsFor(String query) {
    JsonArray documents = new JsonArray();
    INDEX.search(query, 3).forEach(hit -> documents.add(new JsonObject().put("source", hit.document().source())
        .put("content", hit.document().content())));
    return documents;
  }

  private static List<String> ungroundedNumbers(String answer, String prompt) {
    List<String> out = new ArrayList<>();
    Matcher matcher = NUMBER.matcher(answer);
    while (matcher.find()) {
      if (!prompt.contains(matcher.group())) {
        out.add(matcher.group());
      }
    }
    return out;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
