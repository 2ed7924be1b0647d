package gw.mock;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/** The last requests the mock received, so tests can assert on what a client really sent. */
final class RequestLog {

  private final int capacity;
  private final ArrayDeque<JsonObject> entries;

  RequestLog(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  void record(RoutingContext ctx) {
    JsonObject headers = new JsonObject();
    ctx.request().headers().forEach(header -> {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      String previous = headers.getString(name);
      headers.put(name, previous == null ? header.getValue() : previous + ", " + header.getValue());
    });
    JsonObject entry = new JsonObject()
        .put("method", ctx.request().method().name())
        .put("path", ctx.request().path())
        .put("headers", headers)
        .put("body", RequestBodies.jsonOrNull(ctx));
    synchronized (entries) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(entry);
    }
    // "completed" appears once the exchange is over: true when the answer was sent in full, false
    // when the client went away first (how tests see that a proxy cancelled its upstream call).
    HttpServerResponse response = ctx.response();
    // Vert.x calls the end handler when the response is disposed: after a full answer, or when the
    // connection closed first (then the response never ended).
    response.endHandler(v -> markCompleted(entry, response.ended()));
  }

  private void markCompleted(JsonObject entry, boolean completed) {
    synchronized (entries) {
      if (!entry.containsKey("completed")) {
        entry.put("completed", completed);
      }
    }
  }

  /** Oldest first; copies, so callers cannot change the log. */
  List<JsonObject> snapshot() {
    synchronized (entries) {
      return entries.stream().map(JsonObject::copy).toList();
    }
  }

  void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
