package gw.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.openai.RequestBodies;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** JSON written readably in tests (single quotes for double), and the data of an SSE body as JSON. */
public final class JsonText {
  private JsonText() {}

  public static ObjectNode json(String singleQuoted) {
    try {
      return (ObjectNode) RequestBodies.JSON.readTree(singleQuoted.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Each event's data, {@code [DONE]} as a text node. */
  public static List<JsonNode> sseData(String sse) {
    List<JsonNode> out = new ArrayList<>();
    for (String event : sse.split("\n\n")) {
      for (String line : event.split("\n")) {
        if (line.startsWith("data: ")) {
          String data = line.substring(6);
          out.add(data.equals("[DONE]") ? RequestBodies.JSON.getNodeFactory().textNode(data) : json(data));
        }
      }
    }
    return out;
  }

  /** {@code bytes} handed to {@code decode} {@code size} bytes at a time, its outputs joined: any network chunking. */
  public static io.vertx.core.buffer.Buffer inPieces(byte[] bytes, int size,
      java.util.function.UnaryOperator<io.vertx.core.buffer.Buffer> decode) {
    io.vertx.core.buffer.Buffer out = io.vertx.core.buffer.Buffer.buffer();
    for (int i = 0; i < bytes.length; i += size) {
      out.appendBuffer(decode.apply(io.vertx.core.buffer.Buffer.buffer(
          java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)))));
    }
    return out;
  }

  /** What chat chunks say in all: their content, and their first tool call's arguments, each joined. */
  public record Deltas(String content, String arguments) {}

  public static Deltas deltas(List<JsonNode> chunks) {
    StringBuilder text = new StringBuilder();
    StringBuilder args = new StringBuilder();
    for (JsonNode c : chunks) {
      JsonNode d = c.path("choices").path(0).path("delta");
      text.append(d.path("content").asText(""));
      args.append(d.path("tool_calls").path(0).path("function").path("arguments").asText(""));
    }
    return new Deltas(text.toString(), args.toString());
  }

  /** The trace's model-call spans, one per try. */
  public static List<JsonNode> llmSpans(JsonNode trace) {
    List<JsonNode> spans = new ArrayList<>();
    trace.path("spans").forEach(s -> {
      if (s.path("kind").asText().equals("llm")) {
        spans.add(s);
      }
    });
    return spans;
  }
}
