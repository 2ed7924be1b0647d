package gw.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a byte stream into server-sent events, whatever the network's chunking (a character may be split
 * between chunks: only whole events are decoded): an event is complete at its blank line; the rest waits
 * for the next chunk. Only {@code data} lines matter here (the event's name repeats its JSON's {@code type}).
 */
public final class SseEvents {
  private Buffer pending = Buffer.buffer();

  /** The data of each event this chunk completes. */
  public List<String> add(Buffer chunk) {
    pending.appendBuffer(chunk);
    List<String> events = new ArrayList<>(2);
    int start = 0;
    int end;
    while ((end = blankLine(start)) >= 0) {
      String data = data(pending.getString(start, end, "UTF-8"));
      if (data != null) {
        events.add(data);
      }
      start = end;
    }
    if (start > 0) {
      pending = pending.getBuffer(start, pending.length());
    }
    return events;
  }

  /** The data of each event this chunk completes, as JSON ({@code [DONE]} as its text); data that is not JSON is skipped. */
  public List<JsonNode> addJson(Buffer chunk) {
    List<String> data = add(chunk);
    List<JsonNode> events = new ArrayList<>(data.size());
    for (String d : data) {
      if (d.equals("[DONE]")) {
        events.add(DONE);
        continue;
      }
      try {
        events.add(RequestBodies.JSON.readTree(d));
      } catch (IOException e) {
        // not an event a translation can carry; the stream's end still decides whether it was complete
      }
    }
    return events;
  }

  /** {@link #addJson}'s {@code [DONE]}. */
  public static final JsonNode DONE = com.fasterxml.jackson.databind.node.TextNode.valueOf("[DONE]");

  /** The index just past the blank line that ends the event starting at {@code from}, or -1. */
  private int blankLine(int from) {
    int n = pending.length();
    for (int i = from; i < n - 1; i++) {
      if (pending.getByte(i) == '\n') {
        byte next = pending.getByte(i + 1);
        if (next == '\n') {
          return i + 2;
        }
        if (next == '\r' && i + 2 < n && pending.getByte(i + 2) == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  private static String data(String event) {
    StringBuilder data = null;
    for (String line : event.split("\r?\n")) {
      if (line.startsWith("data:")) {
        String value = line.substring(5);
        value = value.startsWith(" ") ? value.substring(1) : value;
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return data == null ? null : data.toString();
  }

  /** One event: an optional {@code event:} line, then its data. */
  public static Buffer event(String name, String json) {
    return Buffer.buffer((name == null ? "" : "event: " + name + "\n") + "data: " + json + "\n\n", "UTF-8");
  }

}
