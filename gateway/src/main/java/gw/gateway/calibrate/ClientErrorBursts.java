package gw.gateway.calibrate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client errors as anyone who can reach the port sends them: half a valid request without a gateway key
 * (401), half with the key but no messages (400). They are the caller's mistakes, not the service's, so
 * they must open nothing.
 */
final class ClientErrorBursts {
  private static final JsonObject VALID = new JsonObject().put("model", "gpt-4o")
      .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hello")));
  private static final JsonObject NO_MESSAGES = new JsonObject().put("model", "gpt-4o");

  private static final int IDLE_SECONDS = 20;
  private static final int MAX_CONNECTIONS = 32;
  private final HttpClient http;
  private final String gatewayUrl;
  private final String key;
  private final List<Future<Integer>> sent = new ArrayList<>();

  ClientErrorBursts(Vertx vertx, String gatewayUrl, String key) {
    // One connection per request, as most scanners and broken clients send them; a request the
    // gateway never answers ends after the idle timeout and is counted as status 0, not waited on.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setIdleTimeout(IDLE_SECONDS),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
    this.gatewayUrl = gatewayUrl;
    this.key = key;
  }

  /** Sends one burst of {@code size} requests at once. */
  void burst(int size) {
    for (int i = 0; i < size; i++) {
      boolean withKey = i % 2 == 1;
      // Bounded in the pool's queue as on the wire, so one stuck request cannot hold the others past the wait.
      RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
          .setAbsoluteURI(gatewayUrl + "/v1/chat/completions")
          .setConnectTimeout(IDLE_SECONDS * 1000L).setIdleTimeout(IDLE_SECONDS * 1000L)
          .putHeader("content-type", "application/json");
      if (withKey) {
        request.putHeader("authorization", "Bearer " + key);
      }
      Future<Integer> status = http.request(request)
          .compose(r -> r.send((withKey ? NO_MESSAGES : VALID).toBuffer()))
          .compose(response -> response.body().map(body -> response.statusCode()))
          .otherwise(0);
      sent.add(status);
    }
  }

  /** Every burst's answers by HTTP status (0: no answer), once all have answered. */
  Future<Map<Integer, Long>> statuses() {
    return Future.join(sent).transform(done -> {
      Map<Integer, Long> counts = new TreeMap<>();
      sent.forEach(f -> counts.merge(f.result(), 1L, Long::sum));
      return http.close().map(closed -> counts);
    });
  }
}
