package gw.mock.client;

import io.vertx.core.json.JsonArray;

/**
 * What the app's vector store gave for one question.
 *
 * @param latencyMs how long the app waited for it
 * @param failure   why the search itself failed, or null when it answered (possibly with no documents)
 */
record Retrieval(String query, JsonArray documents, long latencyMs, String failure) {

  static Retrieval failed(String query, long latencyMs, String failure) {
    return new Retrieval(query, new JsonArray(), latencyMs, failure);
  }

  boolean isEmpty() {
    return documents.isEmpty();
  }
}
