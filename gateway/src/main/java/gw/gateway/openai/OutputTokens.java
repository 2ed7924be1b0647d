package gw.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Cheap output-token counts for judging an answer's pace on the event loop (the exact count comes
 * later, on the metering thread): the provider's {@code usage.completion_tokens} when it sent one, else
 * about four characters of generated text to a token, never less than one token per streamed event.
 */
public final class OutputTokens {
  private static final int CHARS_PER_TOKEN = 4;
  private static final byte[] DATA_DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);
  private static final byte[][] TEXT_FIELDS = {
      "\"content\":\"".getBytes(StandardCharsets.US_ASCII), "\"arguments\":\"".getBytes(StandardCharsets.US_ASCII)};

  private OutputTokens() {}

  /** A whole chat completion (null or not JSON: nothing generated). */
  public static long ofCompletion(JsonNode completion) {
    if (completion == null) {
      return 0;
    }
    JsonNode usage = completion.path("usage").path("completion_tokens");
    if (usage.canConvertToLong()) {
      return usage.asLong();
    }
    long chars = 0;
    for (JsonNode choice : completion.path("choices")) {
      JsonNode message = choice.path("message");
      chars += MessageText.of(message.get("content")).length();
      for (JsonNode call : message.path("tool_calls")) {
        chars += call.path("function").path("arguments").asText("").length();
      }
    }
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /**
   * The tokens in one piece of an SSE stream, as the bytes arrived: events and text split across
   * pieces are counted where their start is, which is close enough for a pace.
   */
  public static long ofStreamChunk(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    long events = 0;
    long chars = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (SseBytes.startsWith(bytes, i, bytes.length, SseBytes.DATA)
          && !SseBytes.startsWith(bytes, i, bytes.length, DATA_DONE)) {
        events++;
      }
      for (byte[] field : TEXT_FIELDS) {
        if (SseBytes.startsWith(bytes, i, bytes.length, field)) {
          int end = SseBytes.stringEnd(bytes, i + field.length);
          chars += end - (i + field.length);
          i = end - 1;
          break;
        }
      }
    }
    return Math.max(events, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
  }
}
