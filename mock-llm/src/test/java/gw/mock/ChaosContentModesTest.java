package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;

class ChaosContentModesTest extends MockServerTestBase {

  private static final JsonObject QUESTION = kbQuestion("How many days do I have to ask for a refund?");

  @Test
  void hallucinationStatesFactsAbsentFromTheContext(VertxTestContext testContext) {
    expect(testContext, chat(QUESTION, "hallucination"), response -> {
      String answer = content(response);
      assertThat(answer).contains("Zorblax", "Quentin Vellacourt", "97 days").doesNotContain("30 days");
      assertThat(KB_SYSTEM).doesNotContain("Zorblax").doesNotContain("97");
      assertThat(answer).contains("[kb/refunds.md]");
    });
  }

  @Test
  void piiLeakAddsEmailPhoneAndKey(VertxTestContext testContext) {
    server.chaos().set(ChaosSpec.of(ChaosMode.PII_LEAK));
    expect(testContext, chat(QUESTION), response ->
        assertThat(content(response)).contains("john.doe@example.com", "555-123-4567")
            .containsPattern("sk-proj-[A-Za-z0-9]{40}\\b"));
  }

  @Test
  void offBrandAddsRudePhrases(VertxTestContext testContext) {
    expect(testContext, chat(QUESTION, "off_brand"), response ->
        assertThat(content(response)).startsWith("Honestly, that's a dumb question, whatever.")
            .contains("Refunds are accepted within 30 days"));
  }

  @Test
  void tokenBlowupMultipliesCompletionTokensAndUsageShowsIt(VertxTestContext testContext) {
    expect(testContext, Future.all(chat(QUESTION, "token_blowup"), chat(QUESTION)), all -> {
      HttpResponse<Buffer> blown = all.resultAt(0);
      int normal = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject().getJsonObject("usage")
          .getInteger("completion_tokens");
      int tokens = blown.bodyAsJsonObject().getJsonObject("usage").getInteger("completion_tokens");
      assertThat(tokens).isBetween(normal * 19, normal * 21).isEqualTo(TokenCounts.o200k(content(blown)));
    });
  }

  @Test
  void contentChaosAlsoShapesStreams(VertxTestContext testContext) {
    expect(testContext, chat(QUESTION.copy().put("stream", true), "pii_leak"), response ->
        assertThat(response.bodyAsString()).contains("john.doe@example.com").endsWith("data: [DONE]\n\n"));
  }
}
