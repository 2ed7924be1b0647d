package gw.gateway.openai;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An answer the gateway gives itself (a breaker's fallback), in the same wire shape as the
 * provider's: a {@code chat.completion} object, or the SSE events of a {@code chat.completion.chunk}
 * stream ending in {@code data: [DONE]}. Usage is zero: no model was called.
 */
public final class SyntheticCompletion {
  private SyntheticCompletion() {}

  public static Buffer json(String id, String model, String text) {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", text).putNull("refusal");
    return base(id, model, "chat.completion")
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
            .putNull("logprobs").put("finish_reason", "stop")))
        .put("usage", usage())
        .toBuffer();
  }

  /** Three events (role + content, finish, usage) and the terminator. */
  public static Buffer sse(String id, String model, String text) {
    JsonObject first = base(id, model, "chat.completion.chunk").put("choices", new JsonArray().add(new JsonObject()
        .put("index", 0).put("delta", new JsonObject().put("role", "assistant").put("content", text))
        .putNull("finish_reason")));
    JsonObject last = base(id, model, "chat.completion.chunk").put("choices", new JsonArray().add(new JsonObject()
        .put("index", 0).put("delta", new JsonObject()).put("finish_reason", "stop")));
    JsonObject usage = base(id, model, "chat.completion.chunk").put("choices", new JsonArray()).put("usage", usage());
    return Buffer.buffer()
        .appendString("data: ").appendString(first.encode()).appendString("\n\n")
        .appendString("data: ").appendString(last.encode()).appendString("\n\n")
        .appendString("data: ").appendString(usage.encode()).appendString("\n\n")
        .appendString("data: [DONE]\n\n");
  }

  private static JsonObject base(String id, String model, String object) {
    return new JsonObject().put("id", "chatcmpl-gw-" + id).put("object", object)
        .put("created", System.currentTimeMillis() / 1000).put("model", model);
  }

  private static JsonObject usage() {
    return new JsonObject().put("prompt_tokens", 0).put("completion_tokens", 0).put("total_tokens", 0);
  }
}
