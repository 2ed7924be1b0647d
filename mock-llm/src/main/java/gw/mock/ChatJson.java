package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** OpenAI {@code chat.completion} and {@code chat.completion.chunk} objects. */
final class ChatJson {

  private ChatJson() {
  }

  static JsonObject completion(ResponseMeta meta, ChatResult result) {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", result.content())
        .put("refusal", null);
    if (result.toolCall() != null) {
      message.put("tool_calls", new JsonArray().add(result.toolCall().toJson()));
    }
    JsonObject choice = new JsonObject().put("index", 0).put("message", message).put("logprobs", null)
        .put("finish_reason", result.finishReason());
    return base(meta, "chat.completion").put("choices", new JsonArray().add(choice)).put("usage", usage(result));
  }

  /** OpenAI's usage object, details included: cached input inside prompt_tokens, reasoning inside completion_tokens. */
  static JsonObject usage(ChatResult result) {
    return new JsonObject()
        .put("prompt_tokens", result.promptTokens())
        .put("completion_tokens", result.completionTokens())
        .put("total_tokens", result.promptTokens() + result.completionTokens())
        .put("prompt_tokens_details", new JsonObject().put("cached_tokens", result.cachedTokens()).put("audio_tokens", 0))
        .put("completion_tokens_details", new JsonObject().put("reasoning_tokens", result.reasoningTokens())
            .put("audio_tokens", 0).put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0));
  }

  /** A chunk with one choice; {@code withUsageNull} mirrors OpenAI when usage was requested. */
  static JsonObject chunk(ResponseMeta meta, JsonObject delta, String finishReason, boolean withUsageNull) {
    JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("logprobs", null)
        .put("finish_reason", finishReason);
    JsonObject chunk = base(meta, "chat.completion.chunk").put("choices", new JsonArray().add(choice));
    return withUsageNull ? chunk.put("usage", null) : chunk;
  }

  static JsonObject usageChunk(ResponseMeta meta, ChatResult result) {
    return base(meta, "chat.completion.chunk").put("choices", new JsonArray()).put("usage", usage(result));
  }

  private static JsonObject base(ResponseMeta meta, String object) {
    return new JsonObject().put("id", meta.id()).put("object", object).put("created", meta.created())
        .put("model", meta.model()).put("system_fingerprint", ResponseMeta.SYSTEM_FINGERPRINT);
  }
}
