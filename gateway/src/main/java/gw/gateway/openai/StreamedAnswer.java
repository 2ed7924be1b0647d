package gw.gateway.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reassembles a chat completion from its SSE chunks: content, tool-call arguments, the model that
 * served it, finish reason and usage. Tolerates events (and characters) split across network
 * chunks; a stream cut short simply ends with no finish reason and {@link #done()} false.
 *
 * <p>Each event is read with the streaming parser, field by field, straight from the bytes: only
 * {@code usage} becomes a tree. An event that is not valid JSON (the partial last event of a cut
 * stream) adds nothing.
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
    byte[] all = joined(chunks);
    StreamedAnswer answer = new StreamedAnswer();
    int line = 0;
    while (line < all.length) {
      int end = line;
      while (end < all.length && all[end] != '\n') {
        end++;
      }
      if (SseBytes.startsWith(all, line, end, SseBytes.DATA)) {
        answer.onData(all, line + SseBytes.DATA.length, end, json);
      }
      line = end + 1;
    }
    return answer;
  }

  /** All chunks in one array, sized once. */
  private static byte[] joined(List<Buffer> chunks) {
    int total = 0;
    for (Buffer b : chunks) {
      total += b.length();
    }
    byte[] all = new byte[total];
    int at = 0;
    for (Buffer b : chunks) {
      b.getBytes(all, at);
      at += b.length();
    }
    return all;
  }

  private void onData(byte[] b, int start, int end, ObjectMapper json) {
    int from = SseBytes.skipSpaces(b, start, end);
    int to = SseBytes.dropSpaces(b, from, end);
    if (Arrays.equals(b, from, to, SseBytes.DONE, 0, SseBytes.DONE.length)) {
      done = true;
      return;
    }
    Event event = new Event();
    try (JsonParser p = json.createParser(b, from, to - from)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        event.readTop(p);
      }
    } catch (IOException e) {
      return; // a partial last event of a cut stream
    }
    events++;
    event.addTo(this);
  }

  /** What one event adds, kept apart until the event has parsed whole. */
  private static final class Event {
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder toolCalls = new StringBuilder();
    private String model;
    private String finishReason;
    private JsonNode usage;

    void readTop(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (name) {
          case "model" -> model = text(p);
          case "usage" -> usage = p.readValueAsTree();
          case "choices" -> readChoices(p);
          default -> p.skipChildren();
        }
      }
    }

    private void readChoices(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        p.skipChildren();
        return;
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (value == JsonToken.VALUE_NULL) {
            continue;
          }
          if ("delta".equals(name) && value == JsonToken.START_OBJECT) {
            readDelta(p);
          } else if ("finish_reason".equals(name)) {
            finishReason = text(p);
          } else {
            p.skipChildren();
          }
        }
      }
    }

    private void readDelta(JsonParser p) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("content".equals(name) && value != JsonToken.VALUE_NULL) {
          content.append(text(p));
        } else if ("tool_calls".equals(name) && value == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            readToolCall(p);
          }
        } else {
          p.skipChildren();
        }
      }
    }

    /** A call's function name (when this piece has one) starts a new line, then its piece of arguments. */
    private void readToolCall(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      String fnName = null;
      String arguments = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (p.nextToken() != JsonToken.START_OBJECT || !"function".equals(name)) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if (value == JsonToken.VALUE_NULL) {
            continue;
          }
          if ("name".equals(field)) {
            fnName = text(p);
          } else if ("arguments".equals(field)) {
            arguments = text(p);
          } else {
            p.skipChildren();
          }
        }
      }
      if (fnName != null) {
        toolCalls.append('\n').append(fnName).append(' ');
      }
      if (arguments != null) {
        toolCalls.append(arguments);
      }
    }

    /** A scalar's text, as {@code JsonNode.asText()} gives it; a container counts as empty text. */
    private static String text(JsonParser p) throws IOException {
      if (p.currentToken().isScalarValue()) {
        return p.getText();
      }
      p.skipChildren();
      return "";
    }

    void addTo(StreamedAnswer answer) {
      if (model != null) {
        answer.model = model;
      }
      if (usage != null) {
        answer.usage = usage;
      }
      answer.content.append(content);
      if (finishReason != null) {
        answer.finishReason = finishReason;
      }
      // Tool call lines are separated by a line break; the first one has none before it.
      int start = answer.toolCalls.length() == 0 && toolCalls.length() > 0 && toolCalls.charAt(0) == '\n' ? 1 : 0;
      answer.toolCalls.append(toolCalls, start, toolCalls.length());
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
