package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real mock server on a random port, a WebClient, and a check that nothing blocked an event loop. */
@ExtendWith(VertxExtension.class)
abstract class MockServerTestBase {

  static final String KB_SYSTEM = """
      You are a support assistant. Answer only from the context and cite sources.

      Context:
      [source: kb/refunds.md] Refunds are accepted within 30 days of purchase. Refunds go back to the original payment method.
      [source: kb/shipping.md] Standard shipping takes 5 business days. Express shipping takes 2 business days.
      """;

  protected Vertx vertx;
  protected MockLlmServer server;
  protected WebClient client;

  /** Override to change how the server under test is configured. */
  protected MockOptions options() {
    return MockOptions.defaults().withPort(0).withTimeScale(0);
  }

  @BeforeAll
  static void warmUpOffTheEventLoop() {
    // Loading encodings, and Netty's first pooled chunk (which registers its flight-recorder events), take
    // long enough on a busy machine to trip the blocked-thread check in whichever test class runs first.
    TokenCounts.o200k("warm up");
    ByteBufAllocator.DEFAULT.directBuffer(64 * 1024).release();
  }

  @BeforeEach
  void startServer(VertxTestContext testContext) {
    BlockedEventLoops.reset();
    vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(500).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    server = new MockLlmServer(options());
    client = WebClient.create(vertx);
    vertx.deployVerticle(server).onComplete(testContext.succeedingThenComplete());
  }

  @AfterEach
  void stopServer(VertxTestContext testContext) {
    vertx.close().onComplete(testContext.succeeding(closed -> testContext.verify(() -> {
      assertThat(BlockedEventLoops.warnings()).as("event loop blocked").isEmpty();
      testContext.completeNow();
    })));
  }

  protected HttpRequest<Buffer> post(String path) {
    return client.post(server.actualPort(), "127.0.0.1", path);
  }

  protected HttpRequest<Buffer> get(String path) {
    return client.get(server.actualPort(), "127.0.0.1", path);
  }

  protected Future<HttpResponse<Buffer>> chat(JsonObject body) {
    return post("/v1/chat/completions").sendJsonObject(body);
  }

  protected Future<HttpResponse<Buffer>> chat(JsonObject body, String chaosHeader) {
    return post("/v1/chat/completions").putHeader("x-mock-chaos", chaosHeader).sendJsonObject(body);
  }

  static JsonObject message(String role, String content) {
    return new JsonObject().put("role", role).put("content", content);
  }

  static JsonObject chatBody(String model, JsonObject... messages) {
    return new JsonObject().put("model", model).put("messages", new JsonArray(List.of((Object[]) messages)));
  }

  static JsonObject kbQuestion(String question) {
    return chatBody("gpt-4o-mini", message("system", KB_SYSTEM), message("user", question));
  }

  static String content(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0).getJsonObject("message")
        .getString("content");
  }

  /** The JSON payloads of an SSE body, {@code [DONE]} included as a plain string. */
  static List<Object> sseEvents(String body) {
    List<Object> events = new ArrayList<>();
    for (String event : body.split("\n\n")) {
      if (event.isBlank()) {
        continue;
      }
      assertThat(event).startsWith("data: ");
      String data = event.substring("data: ".length());
      events.add(data.equals("[DONE]") ? data : new JsonObject(data));
    }
    return events;
  }

  /** Completes the test once {@code checks} pass on the future's value; fails it otherwise. */
  static <T> void expect(VertxTestContext testContext, Future<T> future, Check<T> checks) {
    future.onComplete(testContext.succeeding(value -> testContext.verify(() -> {
      checks.accept(value);
      testContext.completeNow();
    })));
  }

  /** Completes the test once the future failed and {@code checks} pass on the failure. */
  static void expectFailure(VertxTestContext testContext, Future<?> future, Check<Throwable> checks) {
    future.onComplete(testContext.failing(failure -> testContext.verify(() -> {
      checks.accept(failure);
      testContext.completeNow();
    })));
  }

  /** A chat request read with the raw HTTP client, so a body cut short by a closed connection is still seen. */
  protected Future<RawResponse> rawChat(JsonObject body, String chaosHeader) {
    HttpClient http = vertx.createHttpClient();
    return http.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/v1/chat/completions")
        .compose(request -> request.putHeader("content-type", "application/json")
            .putHeader("x-mock-chaos", chaosHeader).send(body.toBuffer()))
        .compose(response -> {
          Promise<RawResponse> done = Promise.promise();
          Buffer received = Buffer.buffer();
          List<Long> arrivals = new ArrayList<>();
          response.handler(data -> {
            received.appendBuffer(data);
            arrivals.add(System.nanoTime());
          });
          response.exceptionHandler(failure ->
              done.tryComplete(new RawResponse(response.statusCode(), received.toString(), false, arrivals)));
          response.endHandler(end ->
              done.tryComplete(new RawResponse(response.statusCode(), received.toString(), true, arrivals)));
          return done.future();
        });
  }

  /** @param completed false when the connection closed before the response ended */
  record RawResponse(int status, String body, boolean completed, List<Long> arrivalNanos) {
  }

  @FunctionalInterface
  interface Check<T> {
    void accept(T value) throws Throwable;
  }
}
