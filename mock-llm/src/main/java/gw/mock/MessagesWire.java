package gw.mock;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's Messages API: {@code message} objects with content blocks, the {@code message_start} …
 * {@code message_stop} event stream, Anthropic's errors. Caching follows Anthropic, not OpenAI: only a
 * request that marks {@code cache_control} is cached, its first turn writing the cache and later turns
 * reading it ({@link UsageDetails}' 128-token blocks of a prompt of at least 1,024 tokens).
 */
final class MessagesWire implements CompletionWire<MessagesRequest> {

  private final Tokenizer tokenizer;

  MessagesWire(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  @Override
  public MessagesRequest read(JsonObject body) {
    return MessagesRequest.from(body);
  }

  @Override
  public ChatRequest chat(MessagesRequest request) {
    return request.chat();
  }

  @Override
  public String idPrefix() {
    return "msg_mock";
  }

  @Override
  public JsonObject whole(ResponseMeta meta, MessagesRequest request, ChatResult result) {
    JsonArray content = new JsonArray();
    if (result.toolCall() != null) {
      content.add(toolUse(result.toolCall()).put("input", new JsonObject(result.toolCall().arguments())));
    } else {
      content.add(new JsonObject().put("type", "text").put("text", result.content()));
    }
    return message(meta, content, stopReason(result), usage(request, result, result.completionTokens()));
  }

  @Override
  public List<SseFrame> frames(ResponseMeta meta, MessagesRequest request, ChatResult result, ModelProfile profile,
      Pace pace, double timeScale) {
    List<SseFrame> frames = new ArrayList<>();
    JsonObject start = message(meta, new JsonArray(), null, usage(request, result, 1));
    frames.add(event(pace.firstTokenDelayMs(timeScale), "message_start",
        new JsonObject().put("type", "message_start").put("message", start)));
    if (result.toolCall() != null) {
      frames.add(event(0, "content_block_start", blockStart(toolUse(result.toolCall()).put("input", new JsonObject()))));
      frames.add(event(0, "content_block_delta", delta(new JsonObject().put("type", "input_json_delta")
          .put("partial_json", result.toolCall().arguments()))));
    } else {
      frames.add(event(0, "content_block_start", blockStart(new JsonObject().put("type", "text").put("text", ""))));
      frames.add(event(0, "ping", new JsonObject().put("type", "ping")));
      for (String piece : ChatStream.pieces(result.content())) {
        long delay = pace.generatesOverTime(timeScale) ? pace.tokensDelayMs(tokenizer.count(profile, piece), timeScale) : 0;
        frames.add(event(delay, "content_block_delta", delta(new JsonObject().put("type", "text_delta").put("text", piece))));
      }
    }
    frames.add(event(0, "content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)));
    frames.add(event(0, "message_delta", new JsonObject().put("type", "message_delta")
        .put("delta", new JsonObject().put("stop_reason", stopReason(result)).put("stop_sequence", null))
        .put("usage", new JsonObject().put("output_tokens", result.completionTokens()))));
    frames.add(event(0, "message_stop", new JsonObject().put("type", "message_stop")));
    return frames;
  }

  @Override
  public void sendError(HttpServerResponse response, ApiError error) {
    AnthropicErrors.send(response, error);
  }

  private static JsonObject message(ResponseMeta meta, JsonArray content, String stopReason, JsonObject usage) {
    return new JsonObject().put("id", meta.id()).put("type", "message").put("role", "assistant")
        .put("model", meta.model()).put("content", content).put("stop_reason", stopReason)
        .put("stop_sequence", null).put("usage", usage);
  }

  /** Anthropic's input_tokens leave out what was read from or written to the cache. */
  static JsonObject usage(MessagesRequest request, ChatResult result, int outputTokens) {
    int cached = request.cacheMarked() ? UsageDetails.cachedTokens(result.promptTokens()) : 0;
    int written = request.turns() == 1 ? cached : 0;
    int read = cached - written;
    return new JsonObject().put("input_tokens", result.promptTokens() - cached)
        .put("cache_creation_input_tokens", written).put("cache_read_input_tokens", read)
        .put("output_tokens", outputTokens);
  }

  private static String stopReason(ChatResult result) {
    return switch (result.finishReason()) {
      case "length" -> "max_tokens";
      case "tool_calls" -> "tool_use";
      default -> "end_turn";
    };
  }

  private static JsonObject toolUse(ToolCall call) {
    return new JsonObject().put("type", "tool_use").put("id", call.id()).put("name", call.name());
  }

  private static JsonObject blockStart(JsonObject block) {
    return new JsonObject().put("type", "content_block_start").put("index", 0).put("content_block", block);
  }

  private static JsonObject delta(JsonObject delta) {
    return new JsonObject().put("type", "content_block_delta").put("index", 0).put("delta", delta);
  }

  private static SseFrame event(long delayMs, String name, JsonObject data) {
    return new SseFrame(delayMs, name, data.encode());
  }
}
