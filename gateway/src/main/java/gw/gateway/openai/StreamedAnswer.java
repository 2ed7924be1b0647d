package gw.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reassembles a chat completion from its SSE chunks: content, tool-call arguments, the model that
 * served it, finish reason and usage. Tolerates events split across network chunks; a stream cut
 * short simply ends with no finish reason and {@link #done()} false.
 */
public final class StreamedAnswer {
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder toolCalls = new StringBuilder();
  private String model;
  private String finishReason;
  private JsonNode usage;
  private boolean done;
  private int events;

  public static StreamedAnswer parse(List<Buffer> chunks, ObjectMapper json) {
    StringBuilder all = new StringBuilder();
    for (Buffer b : chunks) {
      all.append(b.toString(StandardCharsets.UTF_8));
    }
    StreamedAnswer answer = new StreamedAnswer();
    for (String line : all.toString().split("\r?\n")) {
      if (line.startsWith("data:")) {
        answer.onData(line.substring(5).trim(), json);
      }
    }
    return answer;
  }

  private void onData(String data, ObjectMapper json) {
    if ("[DONE]".equals(data)) {
      done = true;
      return;
    }
    JsonNode event;
    try {
      event = json.readTree(data);
    } catch (IOException e) {
      return; // a partial last event of a cut stream
    }
    events++;
    if (event.hasNonNull("model")) {
      model = event.get("model").asText();
    }
    if (event.hasNonNull("usage")) {
      usage = event.get("usage");
    }
    for (JsonNode choice : event.path("choices")) {
      JsonNode delta = choice.path("delta");
      if (delta.hasNonNull("content")) {
        content.append(delta.get("content").asText());
      }
      for (JsonNode call : delta.path("tool_calls")) {
        JsonNode fn = call.path("function");
        if (fn.hasNonNull("name")) {
          toolCalls.append(toolCalls.length() > 0 ? "\n" : "").append(fn.get("name").asText()).append(' ');
        }
        if (fn.hasNonNull("arguments")) {
          toolCalls.append(fn.get("arguments").asText());
        }
      }
      if (choice.hasNonNull("finish_reason")) {
        finishReason = choice.get("finish_reason").asText();
      }
    }
  }

  public String content() {
    return content.toString();
  }

  /** Tool calls as "name {arguments}" lines, empty when the model called none. */
  public String toolCalls() {
    return toolCalls.toString();
  }

  public String model() {
    return model;
  }

  public String finishReason() {
    return finishReason;
  }

  public JsonNode usage() {
    return usage;
  }

  /** True when the stream ended with {@code data: [DONE]}. */
  public boolean done() {
    return done;
  }

  public int events() {
    return events;
  }
}
