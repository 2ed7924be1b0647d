package gw.mock;

/** One server-sent event, written {@code delayMs} after the previous one; {@code event} null for a data-only event. */
record SseFrame(long delayMs, String event, String data) {

  static final SseFrame DONE = new SseFrame(0, null, "[DONE]");

  SseFrame(long delayMs, String data) {
    this(delayMs, null, data);
  }

  String wire() {
    return (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
  }
}
