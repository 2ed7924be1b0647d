package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Responses API's stored responses ({@code store} is true unless the request says false), for
 * {@code GET /v1/responses/{id}} and {@code previous_response_id}: the latest 1,000, in memory.
 */
final class StoredResponses {
  private static final int CAPACITY = 1000;

  private record Stored(JsonObject response, JsonArray conversation) {}

  private final Map<String, Stored> byId = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
      return size() > CAPACITY;
    }
  };

  synchronized void put(JsonObject response, JsonArray conversation) {
    byId.put(response.getString("id"), new Stored(response.copy(), conversation.copy()));
  }

  synchronized JsonObject response(String id) {
    Stored s = byId.get(id);
    return s == null ? null : s.response().copy();
  }

  /** The chat messages of the conversation up to and including that response's answer. */
  synchronized JsonArray conversation(String id) {
    Stored s = byId.get(id);
    return s == null ? null : s.conversation().copy();
  }
}
