package gw.mock;

/** One server-sent event, written {@code delayMs} after the previous one. */
record SseFrame(long delayMs, String data) {

  static final SseFrame DONE = new SseFrame(0, "[DONE]");

  String wire() {
    return "data: " + data + "\n\n";
  }
}
