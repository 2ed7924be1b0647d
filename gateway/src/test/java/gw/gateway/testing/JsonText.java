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
