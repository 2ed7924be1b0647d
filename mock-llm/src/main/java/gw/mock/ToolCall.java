package gw.mock;

import io.vertx.core.json.JsonObject;

/** A function call the mock decided to make, with its arguments as a JSON string (as OpenAI sends them). */
record ToolCall(String id, String name, String arguments) {

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("type", "function")
        .put("function", new JsonObject().put("name", name).put("arguments", arguments));
  }
}
