package gw.mock;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** OpenAI's Chat Completions: {@code chat.completion} objects, {@code chat.completion.chunk} events, OpenAI errors. */
final class ChatWire implements CompletionWire<ChatRequest> {

  private final ChatStream chatStream;

  ChatWire(Tokenizer tokenizer) {
    this.chatStream = new ChatStream(tokenizer);
  }

  @Override
  public ChatRequest read(JsonObject body) {
    return ChatRequest.from(body);
  }

  @Override
  public ChatRequest chat(ChatRequest request) {
    return request;
  }

  @Override
  public String idPrefix() {
    return "chatcmpl-mock";
  }

  @Override
  public JsonObject whole(ResponseMeta meta, ChatRequest request, ChatResult result) {
    return ChatJson.completion(meta, result);
  }

  @Override
  public List<SseFrame> frames(ResponseMeta meta, ChatRequest request, ChatResult result, ModelProfile profile,
      Pace pace, double timeScale) {
    return chatStream.frames(meta, result, request.includeUsage(), profile, pace, timeScale);
  }

  @Override
  public void sendError(HttpServerResponse response, ApiError error) {
    OpenAiErrors.send(response, error);
  }
}
