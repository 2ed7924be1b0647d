package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import gw.mock.client.RagPrompt;
import gw.mock.client.SampleQuestion;
import gw.mock.client.SampleQuestions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every sample question finds its document with confidence, and the mock's answer holds its expected facts. */
class KnowledgeBaseAnswersTest {

  private static final KnowledgeIndex INDEX = new KnowledgeIndex(KnowledgeBase.documents());

  @Test
  void everySampleQuestionRetrievesItsDocumentFirstWithAConfidentScore() {
    for (SampleQuestion question : SampleQuestions.all()) {
      List<KnowledgeIndex.Hit> hits = INDEX.search(question.text(), 3);
      assertThat(hits.get(0).document().source()).as(question.text()).isEqualTo(question.source());
      assertThat(hits.get(0).score()).as(question.text()).isGreaterThanOrEqualTo(0.35);
    }
  }

  @Test
  void theMocksAnswerToEverySampleQuestionContainsItsExpectedFactsAndCitesIt() {
    for (SampleQuestion question : SampleQuestions.all()) {
      JsonArray documents = new JsonArray();
      INDEX.search(question.text(), 3).forEach(hit -> documents.add(new JsonObject()
          .put("source", hit.document().source()).put("content", hit.document().content())));
      String answer = AnswerComposer.compose(PromptReader.read(messages(question.text(), documents))).text();
      for (String fact : question.expectedFacts()) {
        assertThat(answer.toLowerCase()).as(question.text()).contains(fact.toLowerCase());
      }
      assertThat(answer).as(question.text()).contains("[" + question.source() + "]");
    }
  }

  private static List<ChatMessage> messages(String question, JsonArray documents) {
    List<ChatMessage> messages = new ArrayList<>();
    for (Object raw : RagPrompt.messages(question, documents)) {
      JsonObject message = (JsonObject) raw;
      messages.add(new ChatMessage(message.getString("role"), message.getString("content"), null, null,
          new JsonArray()));
    }
    return messages;
  }
}
