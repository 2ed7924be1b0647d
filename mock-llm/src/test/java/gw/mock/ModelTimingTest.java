package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Profiles pace the answers: time to first token, then tokens per second, all scaled by timeScale. */
class ModelTimingTest extends MockServerTestBase {

  private static final double TIME_SCALE = 0.5;

  @Override
  protected MockOptions options() {
    return MockOptions.defaults().withPort(0).withTimeScale(TIME_SCALE);
  }

  @Test
  void streamArrivesPieceByPieceAfterTheTimeToFirstToken(VertxTestContext testContext) {
    JsonObject body = kbQuestion("How many days do I have to ask for a refund?").put("stream", true);
    long start = System.nanoTime();
    expect(testContext, rawChat(body, ""), response -> {
      assertThat(response.completed()).isTrue();
      long firstMs = TimeUnit.NANOSECONDS.toMillis(response.arrivalNanos().get(0) - start);
      assertThat(firstMs).isGreaterThanOrEqualTo((long) (120 * TIME_SCALE));
      assertThat(response.arrivalNanos()).hasSizeGreaterThan(2);
      assertThat(response.body()).endsWith("data: [DONE]\n\n");
    });
  }

  @Test
  void wholeAnswerWaitsForAllTokensButMockFastDoesNot(VertxTestContext testContext) {
    JsonObject slowBody = chatBody("gpt-4o", message("user", "Explain the refund policy in detail please"));
    JsonObject fastBody = slowBody.copy().put("model", "mock-fast");
    Future<List<Timed>> both = timed(() -> chat(slowBody))
        .compose(slow -> timed(() -> chat(fastBody)).map(fast -> List.of(slow, fast)));
    expect(testContext, both, timings -> {
      Timed slow = timings.get(0);
      int tokens = slow.response().bodyAsJsonObject().getJsonObject("usage").getInteger("completion_tokens");
      long expectedSlowMs = (long) ((250 + tokens * 1000.0 / 60) * TIME_SCALE);
      assertThat(slow.millis()).isGreaterThanOrEqualTo(expectedSlowMs);
      assertThat(timings.get(1).millis()).isLessThan(expectedSlowMs);
      assertThat(content(timings.get(1).response())).as("same answer whatever the pace")
          .isEqualTo(content(slow.response()));
    });
  }

  private static Future<Timed> timed(Supplier<Future<HttpResponse<Buffer>>> request) {
    long start = System.nanoTime();
    return request.get().map(response -> new Timed(response, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
  }

  private record Timed(HttpResponse<Buffer> response, long millis) {
  }
}
