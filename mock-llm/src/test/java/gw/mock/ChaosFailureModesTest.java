package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ChaosFailureModesTest extends MockServerTestBase {

  private static final JsonObject QUESTION = kbQuestion("How many days do I have to ask for a refund?");

  @Test
  void runtimeAndPerRequestErrorsUseOpenAiErrorShape(VertxTestContext testContext) {
    server.chaos().set(ChaosSpec.of(ChaosMode.ERROR_500));
    Future<HttpResponse<Buffer>> runtime = chat(QUESTION);
    Future<HttpResponse<Buffer>> perRequest = runtime.compose(r -> chat(QUESTION, "error_503"));
    expect(testContext, Future.all(runtime, perRequest), all -> {
      assertThat(runtime.result().statusCode()).isEqualTo(500);
      assertThat(perRequest.result().statusCode()).isEqualTo(503);
      JsonObject error = perRequest.result().bodyAsJsonObject().getJsonObject("error");
      assertThat(error.getString("type")).isEqualTo("server_error");
      assertThat(error.fieldNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
    });
  }

  @Test
  void chaosPostedOverHttpAppliesToEmbeddingsToo(VertxTestContext testContext) {
    JsonObject chaos = new JsonObject().put("modes", new JsonObject().put("error_503", new JsonObject()));
    expect(testContext, post("/chaos").sendJsonObject(chaos).compose(r -> post("/v1/embeddings")
        .sendJsonObject(new JsonObject().put("model", "text-embedding-3-small").put("input", "hi"))), response ->
        assertThat(response.statusCode()).isEqualTo(503));
  }

  @Test
  void rateLimitIs429WithRetryAfter(VertxTestContext testContext) {
    expect(testContext, chat(QUESTION, "rate_limit=2"), response -> {
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.getHeader("retry-after")).isEqualTo("2");
      JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
      assertThat(error.getString("type")).isEqualTo("requests");
      assertThat(error.getString("code")).isEqualTo("rate_limit_exceeded");
      assertThat(error.getString("message")).startsWith("Rate limit reached");
    });
  }

  @Test
  void rateZeroNeverFiresAndPerRequestOverridesRuntime(VertxTestContext testContext) {
    server.chaos().set(ChaosSpec.none().with(ChaosMode.ERROR_503, 1.0));
    List<Future<HttpResponse<Buffer>>> calm = IntStream.range(0, 10)
        .mapToObj(i -> chat(QUESTION, "error_503@0, error_500@0")).toList();
    expect(testContext, Future.all(calm), all -> calm.forEach(response ->
        assertThat(response.result().statusCode()).isEqualTo(200)));
  }

  @Test
  void fractionalRateFiresSometimesReproducibly(VertxTestContext testContext) {
    List<Integer> actualStatuses = new ArrayList<>();
    Future<?> sequential = Future.succeededFuture();
    for (int i = 0; i < 20; i++) {
      sequential = sequential.compose(previous -> chat(QUESTION, "error_503@0.5")
          .onSuccess(response -> actualStatuses.add(response.statusCode())));
    }
    ChaosState sameSeed = new ChaosState(MockOptions.defaults().seed());
    List<Integer> expectedStatuses = IntStream.range(0, 20)
        .mapToObj(i -> sameSeed.rollForModel("gpt-4o-mini", ChaosSpec.fromHeader("error_503@0.5"))
            .has(ChaosMode.ERROR_503) ? 503 : 200)
        .toList();
    expect(testContext, sequential, done -> {
      assertThat(actualStatuses).contains(200, 503);
      assertThat(actualStatuses).isEqualTo(expectedStatuses);
    });
  }

  @Test
  void latencyDelaysTheAnswer(VertxTestContext testContext) {
    long start = System.nanoTime();
    expect(testContext, chat(QUESTION, "latency=300"), response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    });
  }

  @Test
  void timeoutNeverAnswers(VertxTestContext testContext) {
    expectFailure(testContext, post("/v1/chat/completions").putHeader("x-mock-chaos", "timeout").timeout(300)
        .sendJsonObject(QUESTION), failure -> assertThat(failure).isInstanceOf(TimeoutException.class));
  }

  @Test
  void timeoutClosesTheConnectionAfterTheHold(VertxTestContext testContext) {
    long start = System.nanoTime();
    expectFailure(testContext, post("/v1/chat/completions").putHeader("x-mock-chaos", "timeout=200").timeout(5000)
        .sendJsonObject(QUESTION), failure -> {
      assertThat(failure).isInstanceOf(HttpClosedException.class);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(200L, 4000L);
    });
  }

  @Test
  void dropConnectionClosesWithoutAResponse(VertxTestContext testContext) {
    expectFailure(testContext, chat(QUESTION, "drop_connection"),
        failure -> assertThat(failure).isInstanceOf(HttpClosedException.class));
  }

  @Test
  void dropConnectionMidStreamAfterACoupleOfChunks(VertxTestContext testContext) {
    expect(testContext, rawChat(QUESTION.copy().put("stream", true), "drop_connection"), response -> {
      assertThat(response.completed()).isFalse();
      List<Object> events = sseEvents(response.body());
      assertThat(events).hasSize(2);
      assertThat(response.body()).doesNotContain("[DONE]");
    });
  }

  @Test
  void truncatedStreamStopsHalfwayWithoutFinishOrDone(VertxTestContext testContext) {
    JsonObject body = QUESTION.copy().put("stream", true);
    expect(testContext, Future.all(rawChat(body, "truncate_stream"), rawChat(body, "")), all -> {
      RawResponse cut = all.resultAt(0);
      RawResponse full = all.resultAt(1);
      assertThat(cut.completed()).isFalse();
      assertThat(cut.body()).doesNotContain("[DONE]").doesNotContain("\"finish_reason\":\"stop\"");
      List<Object> cutEvents = sseEvents(cut.body());
      List<Object> fullEvents = sseEvents(full.body());
      assertThat(cutEvents).hasSize(fullEvents.size() / 2).isNotEmpty();
      assertThat(deltas(fullEvents.subList(0, cutEvents.size()))).isEqualTo(deltas(cutEvents));
    });
  }

  private static List<JsonObject> deltas(List<Object> events) {
    return events.stream().map(event -> ChatStreamingRouteTest.delta((JsonObject) event)).toList();
  }

  @Test
  void truncatedWholeAnswerIsHalfAJsonBody(VertxTestContext testContext) {
    expect(testContext, Future.all(chat(QUESTION, "truncate_stream"), chat(QUESTION)), all -> {
      String cut = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsString();
      String full = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsString();
      assertThat(((HttpResponse<Buffer>) all.resultAt(0)).statusCode()).isEqualTo(200);
      assertThat(cut.length()).isBetween(full.length() / 2 - 10, full.length() / 2 + 10);
      Assertions.assertThatThrownBy(() -> new JsonObject(cut)).isInstanceOf(DecodeException.class);
    });
  }
}
