package gw.mock.client;

import gw.mock.MockProfile;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/** One RAG request as an app makes it: search the vector store, then ask the model through the gateway. */
final class RagExchange {

  static final String ACTION_HEADER = "x-gateway-action";
  static final String TIME_SCALE_HEADER = "x-mock-time-scale";
  private static final long IDLE_TIMEOUT_MS = 30_000;
  private static final String STREAM_END = "data: [DONE]";

  private final HttpClient http;
  private final RagTraffic.Options options;

  RagExchange(HttpClient http, RagTraffic.Options options) {
    this.http = http;
    this.options = options;
  }

  /** Never fails: every way the request can end is an {@link Outcome}. */
  Future<Outcome> run(PlannedRequest plan) {
    long started = System.nanoTime();
    // The app searches with the question alone: its query rewriting drops greetings, the user's own details
    // and requests for detail, which also keeps personal data out of the vector store's logs.
    return retrieve(plan.question().text(), started)
        .compose(retrieval -> ask(plan, retrieval)
            .map(answer -> outcome(plan, retrieval, answer, started))
            .otherwise(failure -> new Outcome(0, Outcome.CONNECTION_ERROR, List.of(), retrieval.isEmpty(),
                millisSince(started))));
  }

  private Future<Retrieval> retrieve(String query, long started) {
    JsonObject body = new JsonObject().put("query", query).put("top_k", ChatRequestBody.TOP_K);
    return post(options.retrievalUrl() + "/v1/retrieve", body, null)
        .compose(response -> response.body().map(payload -> {
          long latency = millisSince(started);
          if (response.statusCode() / 100 != 2) {
            return Retrieval.failed(query, latency, "vector store answered HTTP " + response.statusCode());
          }
          JsonArray documents = payload.toJsonObject().getJsonArray("documents", new JsonArray());
          return new Retrieval(query, documents, latency, null);
        }))
        .otherwise(failure -> Retrieval.failed(query, millisSince(started),
            "vector store failed: " + failure.getMessage()));
  }

  private Future<Answer> ask(PlannedRequest plan, Retrieval retrieval) {
    JsonObject body = ChatRequestBody.of(options.model(), plan, retrieval);
    return post(options.gatewayUrl() + "/v1/chat/completions", body, plan)
        .compose(response -> response.body().map(payload -> new Answer(response, payload)));
  }

  private Future<HttpClientResponse> post(String url, JsonObject body, PlannedRequest plan) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .setIdleTimeout(IDLE_TIMEOUT_MS)
        .putHeader("content-type", "application/json");
    if (options.profile() != MockProfile.STANDARD) {
      request.putHeader(MockProfile.HEADER, options.profile().wireName());
    }
    if (options.timeScale() != 1.0) {
      request.putHeader(TIME_SCALE_HEADER, Double.toString(options.timeScale()));
    }
    if (plan != null) {
      request.putHeader("authorization", "Bearer " + options.apiKey())
          .putHeader("x-request-id", plan.requestId())
          .putHeader("x-session-id", plan.sessionId())
          .putHeader("x-user-id", plan.userId())
          .putHeader("x-feature", plan.question().feature());
    }
    return http.request(request).compose(sending -> sending.send(body.toBuffer()));
  }

  private static Outcome outcome(PlannedRequest plan, Retrieval retrieval, Answer answer, long started) {
    int status = answer.response().statusCode();
    String failure = null;
    if (status / 100 != 2) {
      failure = Integer.toString(status);
    } else if (plan.stream() && isEventStream(answer.response()) && !answer.payload().toString().contains(STREAM_END)) {
      failure = Outcome.STREAM_INCOMPLETE;
    }
    return new Outcome(status, failure, actions(answer.response()), retrieval.isEmpty(), millisSince(started));
  }

  private static boolean isEventStream(HttpClientResponse response) {
    String type = response.getHeader("content-type");
    return type != null && type.startsWith("text/event-stream");
  }

  private static List<String> actions(HttpClientResponse response) {
    String header = response.getHeader(ACTION_HEADER);
    if (header == null || header.isBlank()) {
      return List.of();
    }
    return Arrays.stream(header.split(",")).map(String::trim).filter(action -> !action.isEmpty()).toList();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private record Answer(HttpClientResponse response, Buffer payload) {
  }
}
