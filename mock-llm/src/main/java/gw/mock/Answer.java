package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** An answer's text and the documents it was taken from. */
record Answer(String text, List<String> sources) {

  Answer withText(String newText) {
    return new Answer(newText, sources);
  }

  /** The JSON-mode rendering: {@code {"answer": "...", "sources": ["..."]}}. */
  String toJsonString() {
    return new JsonObject().put("answer", text).put("sources", new JsonArray(List.copyOf(sources))).encode();
  }
}
