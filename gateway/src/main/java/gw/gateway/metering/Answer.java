package gw.gateway.metering;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.chain.Exchange;
import gw.gateway.openai.RequestBodies;
import gw.gateway.openai.StreamedAnswer;
import java.io.IOException;

/**
 * What the client was answered, read once from the JSON body or the reassembled stream:
 * {@code complete} is false for a stream that ended without {@code [DONE]}; {@code upstreamError}
 * is the provider's error message when it answered 4xx/5xx.
 */
public record Answer(String content, String toolCalls, String model, JsonNode usage, boolean complete,
    String upstreamError, String finishReason) {

  /** The answer's text: its content, or the tool calls when the model only called tools. */
  public String text() {
    if (content != null && !content.isEmpty()) {
      return content;
    }
    return toolCalls == null || toolCalls.isEmpty() ? content : toolCalls;
  }

  public boolean calledTools() {
    return toolCalls != null && !toolCalls.isEmpty();
  }

  static Answer of(Exchange ex) {
    if (ex.stream() && !ex.streamChunks().isEmpty()) {
      StreamedAnswer s = StreamedAnswer.parse(ex.streamChunks(), RequestBodies.JSON);
      return new Answer(s.content(), s.toolCalls(), s.model(), s.usage(), s.done(), null, s.finishReason());
    }
    JsonNode json = ex.responseJson();
    if (json == null) {
      return new Answer(null, null, null, null, true, upstreamErrorMessage(ex), null);
    }
    JsonNode choice = json.path("choices").path(0);
    JsonNode message = choice.path("message");
    String content = message.hasNonNull("content") ? message.get("content").asText() : null;
    String toolCalls = message.has("tool_calls") ? message.get("tool_calls").toString() : null;
    return new Answer(content, toolCalls, text(json, "model"), json.get("usage"), true, null,
        text(choice, "finish_reason"));
  }

  private static String upstreamErrorMessage(Exchange ex) {
    if (ex.responseBody() == null || ex.status() < 400) {
      return null;
    }
    try {
      return RequestBodies.JSON.readTree(ex.responseBody().getBytes()).path("error").path("message").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
