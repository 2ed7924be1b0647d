package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrieveRouteTest extends MockServerTestBase {

  private static final String REFUND_QUESTION = "How many days after purchase are refunds accepted?";

  @Test
  void bestMatchingDocumentComesFirstWithScoresInZeroToOneBestFirst(VertxTestContext testContext) {
    expect(testContext, retrieve(new JsonObject().put("query", REFUND_QUESTION)), response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject body = response.bodyAsJsonObject();
      JsonArray documents = body.getJsonArray("documents");
      assertThat(documents).hasSize(RetrieveHandler.DEFAULT_TOP_K);
      JsonObject best = documents.getJsonObject(0);
      assertThat(best.getString("source")).isEqualTo("kb/refunds.md");
      assertThat(best.getString("content")).contains("30 days");
      double previous = 1.0;
      for (int i = 0; i < documents.size(); i++) {
        double score = documents.getJsonObject(i).getDouble("score");
        assertThat(score).isBetween(0.0, previous);
        previous = score;
      }
      assertThat(best.getDouble("score")).isGreaterThan(documents.getJsonObject(1).getDouble("score") + 0.1);
      assertThat(body.getLong("latency_ms")).isPositive();
    });
  }

  @Test
  void topKLimitsTheAnswerAndCannotExceedTheKnowledgeBase(VertxTestContext testContext) {
    Future<HttpResponse<Buffer>> one = retrieve(new JsonObject().put("query", "warranty").put("top_k", 1));
    Future<HttpResponse<Buffer>> all = retrieve(new JsonObject().put("query", "warranty").put("top_k", 20));
    expect(testContext, Future.all(one, all), both -> {
      assertThat(one.result().bodyAsJsonObject().getJsonArray("documents")).hasSize(1);
      assertThat(one.result().bodyAsJsonObject().getJsonArray("documents").getJsonObject(0).getString("source"))
          .isEqualTo("kb/warranty.md");
      assertThat(all.result().bodyAsJsonObject().getJsonArray("documents"))
          .hasSize(KnowledgeBase.documents().size());
    });
  }

  @Test
  void badInputsAreOpenAi400sNamingTheParameter(VertxTestContext testContext) {
    List<Future<HttpResponse<Buffer>>> responses = List.of(
        retrieve(new JsonObject().put("top_k", 3)),
        retrieve(new JsonObject().put("query", "  ")),
        retrieve(new JsonObject().put("query", 42)),
        retrieve(new JsonObject().put("query", "refunds").put("top_k", 0)),
        retrieve(new JsonObject().put("query", "refunds").put("top_k", 2.5)),
        post("/v1/retrieve").sendBuffer(Buffer.buffer("[1, 2]")));
    expect(testContext, Future.all(responses), all -> {
      List<String> params = List.of("query", "query", "query", "top_k", "top_k");
      for (int i = 0; i < responses.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).as("request %d", i).isEqualTo(400);
        JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("invalid_request_error");
        if (i < params.size()) {
          assertThat(error.getString("param")).as("request %d", i).isEqualTo(params.get(i));
        }
      }
    });
  }

  @Test
  void retrievalOutageEmptiesTheIndexPerRequestAndAtRuntime(VertxTestContext testContext) {
    JsonObject query = new JsonObject().put("query", REFUND_QUESTION);
    Future<HttpResponse<Buffer>> byHeader = post("/v1/retrieve").putHeader("x-mock-chaos", "retrieval_outage")
        .sendJsonObject(query);
    Future<HttpResponse<Buffer>> atRuntime = byHeader
        .compose(r -> post("/chaos").sendJsonObject(new JsonObject("{\"modes\": {\"retrieval_outage\": {}}}")))
        .compose(r -> retrieve(query));
    expect(testContext, Future.all(byHeader, atRuntime), both -> {
      for (HttpResponse<Buffer> response : List.of(byHeader.result(), atRuntime.result())) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getJsonArray("documents")).isEmpty();
        assertThat(response.bodyAsJsonObject().getLong("latency_ms")).isPositive();
      }
    });
  }

  @Test
  void retrievalFloodReturnsTheRankingRepeatedWhateverTopKAsked(VertxTestContext testContext) {
    JsonObject query = new JsonObject().put("query", REFUND_QUESTION).put("top_k", 3);
    Future<HttpResponse<Buffer>> flooded = post("/v1/retrieve").putHeader("x-mock-chaos", "retrieval_flood=40")
        .sendJsonObject(query);
    Future<HttpResponse<Buffer>> normal = flooded.compose(r -> retrieve(query));
    expect(testContext, Future.all(flooded, normal), both -> {
      JsonArray many = flooded.result().bodyAsJsonObject().getJsonArray("documents");
      JsonArray few = normal.result().bodyAsJsonObject().getJsonArray("documents");
      assertThat(many).hasSize(40);
      assertThat(few).hasSize(3);
      assertThat(many.getJsonObject(0)).isEqualTo(few.getJsonObject(0));
      assertThat(many.stream().map(d -> ((JsonObject) d).getString("source")).distinct().count())
          .as("the whole knowledge base, repeated").isLessThan(40).isGreaterThan(3);
    });
  }

  @Test
  void retrievalOutageLeavesChatAlone(VertxTestContext testContext) {
    server.chaos().set(ChaosSpec.of(ChaosMode.RETRIEVAL_OUTAGE));
    expect(testContext, chat(kbQuestion("How many days do I have for a refund?"), "retrieval_outage"), response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(content(response)).contains("30 days");
    });
  }

  @Test
  void retrievalIgnoresTheModelScopeOfRuntimeChaos(VertxTestContext testContext) {
    server.chaos().set(ChaosSpec.of(ChaosMode.RETRIEVAL_OUTAGE).onlyFor("gpt-4o"));
    expect(testContext, retrieve(new JsonObject().put("query", REFUND_QUESTION)),
        response -> assertThat(response.bodyAsJsonObject().getJsonArray("documents")).isEmpty());
  }

  private Future<HttpResponse<Buffer>> retrieve(JsonObject body) {
    return post("/v1/retrieve").sendJsonObject(body);
  }
}
