package gw.mock;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's Responses API: {@code response} objects with output items, the {@code response.created} …
 * {@code response.completed} event stream (each event numbered), OpenAI's errors; responses are stored
 * (unless {@code store} is false) for {@code GET /v1/responses/{id}} and {@code previous_response_id}.
 */
final class ResponsesWire implements CompletionWire<ResponsesRequest> {

  private final Tokenizer tokenizer;
  private final StoredResponses stored;

  ResponsesWire(Tokenizer tokenizer, StoredResponses stored) {
    this.tokenizer = tokenizer;
    this.stored = stored;
  }

  @Override
  public ResponsesRequest read(JsonObject body) {
    return ResponsesRequest.from(body, stored);
  }

  @Override
  public ChatRequest chat(ResponsesRequest request) {
    return request.chat();
  }

  @Override
  public String idPrefix() {
    return "resp_mock";
  }

  @Override
  public JsonObject whole(ResponseMeta meta, ResponsesRequest request, ChatResult result) {
    JsonObject response = response(meta, request, status(result), output(meta, result), usage(result));
    keep(request, result, response);
    return response;
  }

  @Override
  public List<SseFrame> frames(ResponseMeta meta, ResponsesRequest request, ChatResult result, ModelProfile profile,
      Pace pace, double timeScale) {
    Events events = new Events();
    JsonObject started = response(meta, request, "in_progress", new JsonArray(), null);
    events.add(pace.firstTokenDelayMs(timeScale), "response.created", new JsonObject().put("response", started));
    events.add(0, "response.in_progress", new JsonObject().put("response", started));
    JsonObject item = output(meta, result).getJsonObject(0);
    if (result.toolCall() != null) {
      JsonObject opened = item.copy().put("arguments", "").put("status", "in_progress");
      events.add(0, "response.output_item.added", new JsonObject().put("output_index", 0).put("item", opened));
      events.add(0, "response.function_call_arguments.delta", new JsonObject().put("item_id", item.getString("id"))
          .put("output_index", 0).put("delta", item.getString("arguments")));
      events.add(0, "response.function_call_arguments.done", new JsonObject().put("item_id", item.getString("id"))
          .put("output_index", 0).put("arguments", item.getString("arguments")));
    } else {
      JsonObject opened = item.copy().put("status", "in_progress").put("content", new JsonArray());
      JsonObject emptyPart = new JsonObject().put("type", "output_text").put("text", "").put("annotations", new JsonArray());
      JsonObject at = new JsonObject().put("item_id", item.getString("id")).put("output_index", 0).put("content_index", 0);
      events.add(0, "response.output_item.added", new JsonObject().put("output_index", 0).put("item", opened));
      events.add(0, "response.content_part.added", at.copy().put("part", emptyPart));
      for (String piece : ChatStream.pieces(result.content())) {
        long delay = pace.generatesOverTime(timeScale) ? pace.tokensDelayMs(tokenizer.count(profile, piece), timeScale) : 0;
        events.add(delay, "response.output_text.delta", at.copy().put("delta", piece).put("logprobs", new JsonArray()));
      }
      events.add(0, "response.output_text.done", at.copy().put("text", result.content()).put("logprobs", new JsonArray()));
      events.add(0, "response.content_part.done", at.copy().put("part", item.getJsonArray("content").getJsonObject(0)));
    }
    events.add(0, "response.output_item.done", new JsonObject().put("output_index", 0).put("item", item));
    JsonObject done = whole(meta, request, result);
    events.add(0, "incomplete".equals(done.getString("status")) ? "response.incomplete" : "response.completed",
        new JsonObject().put("response", done));
    return events.frames;
  }

  @Override
  public void sendError(HttpServerResponse response, ApiError error) {
    OpenAiErrors.send(response, error);
  }

  private void keep(ResponsesRequest request, ChatResult result, JsonObject response) {
    if (!Boolean.FALSE.equals(request.body().getValue("store"))) {
      JsonObject answer = new JsonObject().put("role", "assistant").put("content", result.content());
      if (result.toolCall() != null) {
        answer.put("tool_calls", new JsonArray().add(result.toolCall().toJson()));
      }
      stored.put(response, request.conversation().copy().add(answer));
    }
  }

  private static String status(ChatResult result) {
    return "length".equals(result.finishReason()) ? "incomplete" : "completed";
  }

  private static JsonArray output(ResponseMeta meta, ChatResult result) {
    String suffix = meta.id().substring("resp_".length());
    if (result.toolCall() != null) {
      ToolCall call = result.toolCall();
      return new JsonArray().add(new JsonObject().put("type", "function_call").put("id", "fc_" + suffix)
          .put("call_id", call.id()).put("name", call.name()).put("arguments", call.arguments())
          .put("status", "completed"));
    }
    JsonObject text = new JsonObject().put("type", "output_text").put("text", result.content())
        .put("annotations", new JsonArray());
    return new JsonArray().add(new JsonObject().put("type", "message").put("id", "msg_" + suffix)
        .put("status", "completed").put("role", "assistant").put("content", new JsonArray().add(text)));
  }

  static JsonObject usage(ChatResult result) {
    return new JsonObject().put("input_tokens", result.promptTokens())
        .put("input_tokens_details", new JsonObject().put("cached_tokens", result.cachedTokens()))
        .put("output_tokens", result.completionTokens())
        .put("output_tokens_details", new JsonObject().put("reasoning_tokens", result.reasoningTokens()))
        .put("total_tokens", result.promptTokens() + result.completionTokens());
  }

  /** The response object, echoing the request's settings as OpenAI does. */
  private static JsonObject response(ResponseMeta meta, ResponsesRequest request, String status, JsonArray output,
      JsonObject usage) {
    JsonObject b = request.body();
    return new JsonObject().put("id", meta.id()).put("object", "response").put("created_at", meta.created())
        .put("status", status).put("background", false).putNull("error")
        .put("incomplete_details", "incomplete".equals(status)
            ? new JsonObject().put("reason", "max_output_tokens") : null)
        .put("instructions", b.getValue("instructions")).put("max_output_tokens", b.getValue("max_output_tokens"))
        .put("model", meta.model()).put("output", output)
        .put("parallel_tool_calls", b.getValue("parallel_tool_calls", true))
        .put("previous_response_id", b.getValue("previous_response_id"))
        .put("reasoning", new JsonObject().putNull("effort").putNull("summary"))
        .put("store", b.getValue("store", true)).put("temperature", b.getValue("temperature", 1.0))
        .put("text", b.getValue("text", new JsonObject().put("format", new JsonObject().put("type", "text"))))
        .put("tool_choice", b.getValue("tool_choice", "auto")).put("tools", b.getValue("tools", new JsonArray()))
        .put("top_p", b.getValue("top_p", 1.0)).put("truncation", "disabled").put("usage", usage)
        .put("user", b.getValue("user")).put("metadata", b.getValue("metadata", new JsonObject()));
  }

  /** Numbered events, as the Responses stream numbers them. */
  private static final class Events {
    final List<SseFrame> frames = new ArrayList<>();

    void add(long delayMs, String type, JsonObject data) {
      JsonObject event = new JsonObject().put("type", type).put("sequence_number", frames.size());
      event.mergeIn(data);
      frames.add(new SseFrame(delayMs, type, event.encode()));
    }
  }
}
