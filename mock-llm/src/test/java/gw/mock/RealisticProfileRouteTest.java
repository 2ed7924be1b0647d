package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The realistic profile chosen per request on a standard mock: its answers, its pace, its knowledge base. */
class RealisticProfileRouteTest extends MockServerTestBase {

  private static final double TIME_SCALE = 0.05;
  private static final String QUESTION = "Hi, I'm Jane Doe (jane.doe@example.com). How long does express "
      + "shipping take?";

  @Test
  void aRealisticRequestIsPacedByItsOwnDrawsCompressedByTheTimeScale(VertxTestContext testContext) {
    JsonObject body = kbQuestion(QUESTION);
    RealisticPlan plan = RealisticPlan.of(ChatRequest.from(body));
    long start = System.nanoTime();
    expect(testContext, realistic(body, Double.toString(TIME_SCALE)), response -> {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      int tokens = response.bodyAsJsonObject().getJsonObject("usage").getInteger("completion_tokens");
      long expected = plan.pace().firstTokenDelayMs(TIME_SCALE) + plan.pace().tokensDelayMs(tokens, TIME_SCALE);
      assertThat(millis).isGreaterThanOrEqualTo(expected);
      assertThat(content(response)).contains("Jane").contains("jane.doe@example.com").contains("**")
          .contains("2 business days");
    });
  }

  @Test
  void withoutTheHeaderTheSameMockAnswersAsBefore(VertxTestContext testContext) {
    JsonObject body = kbQuestion(QUESTION);
    Future<List<String>> both = chat(body).compose(plain -> realistic(body, "0")
        .map(realistic -> List.of(content(plain), content(realistic))));
    expect(testContext, both, answers -> {
      assertThat(answers.get(0)).isEqualTo(AnswerComposer.compose(PromptReader.read(ChatRequest.from(body)
          .messages())).text());
      assertThat(answers.get(1)).isNotEqualTo(answers.get(0));
    });
  }

  @Test
  void theRealisticKnowledgeBaseQuotesTheSupportContacts(VertxTestContext testContext) {
    JsonObject query = new JsonObject().put("query", "How can customer support be reached by email or phone?");
    Future<List<JsonObject>> both = post("/v1/retrieve").sendJsonObject(query)
        .compose(plain -> post("/v1/retrieve").putHeader(MockProfile.HEADER, "realistic").sendJsonObject(query)
            .map(realistic -> List.of(plain.bodyAsJsonObject(), realistic.bodyAsJsonObject())));
    expect(testContext, both, answers -> {
      assertThat(answers.get(0).encode()).doesNotContain("acme-shop.com");
      JsonObject top = answers.get(1).getJsonArray("documents").getJsonObject(0);
      assertThat(top.getString("source")).isEqualTo("kb/contact.md");
      assertThat(top.getString("content")).contains(KnowledgeBase.SUPPORT_EMAIL, KnowledgeBase.SUPPORT_PHONE);
    });
  }

  @Test
  void badProfileOrTimeScaleHeadersAreNamedIn400s(VertxTestContext testContext) {
    JsonObject body = kbQuestion(QUESTION);
    Future<List<HttpResponse<Buffer>>> both = post("/v1/chat/completions").putHeader(MockProfile.HEADER, "chaotic")
        .sendJsonObject(body).compose(profile -> realistic(body, "-1").map(scale -> List.of(profile, scale)));
    expect(testContext, both, responses -> {
      assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(400));
      assertThat(param(responses.get(0))).isEqualTo(MockProfile.HEADER);
      assertThat(responses.get(0).bodyAsString()).contains("standard, realistic");
      assertThat(param(responses.get(1))).isEqualTo(RequestKnobs.TIME_SCALE_HEADER);
    });
  }

  private Future<HttpResponse<Buffer>> realistic(JsonObject body, String timeScale) {
    return post("/v1/chat/completions").putHeader(MockProfile.HEADER, "realistic")
        .putHeader(RequestKnobs.TIME_SCALE_HEADER, timeScale).sendJsonObject(body);
  }

  private static String param(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("param");
  }
}
