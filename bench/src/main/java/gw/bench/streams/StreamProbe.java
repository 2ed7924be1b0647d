package gw.bench.streams;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * One SSE stream and what was seen of it: time to the first event with non-empty delta content,
 * the gaps between content events, the end ({@code [DONE]}) and any error. Called on its event
 * loop; synchronized only so a timed-out probe can be closed from the main thread.
 */
final class StreamProbe {
  private static final int MAX_ERROR_BODY = 200;

  private final CountDownLatch finished;
  private final AtomicInteger open;
  private final StringBuilder pending = new StringBuilder();
  private long startNanos;
  private long firstContentNanos = -1;
  private long lastContentNanos;
  private long endNanos;
  private long[] gaps = new long[32];
  private int gapCount;
  private int contentChunks;
  private int completionTokens;
  private boolean done;
  private boolean ended;
  private String error;
  private String errorKind;

  StreamProbe(CountDownLatch finished, AtomicInteger open) {
    this.finished = finished;
    this.open = open;
  }

  synchronized void start(HttpClient client, RequestOptions request, Buffer body) {
    startNanos = System.nanoTime();
    client.request(request)
        .compose(req -> req.send(body))
        .onComplete(ar -> {
          if (ar.failed()) {
            fail("request failed", ar.cause());
          } else {
            onResponse(ar.result());
          }
        });
  }

  private synchronized void onResponse(HttpClientResponse response) {
    if (ended) {
      response.request().reset();
      return;
    }
    if (response.statusCode() != 200 || !StreamsBench.isEventStream(response)) {
      int status = response.statusCode();
      String type = response.getHeader("content-type");
      response.body().onComplete(b -> {
        String text = b.succeeded() ? b.result().toString(StandardCharsets.UTF_8) : "(body unreadable)";
        fail(status != 200 ? "http " + status : "not an event stream",
            "HTTP " + status + " " + type + ": " + text.substring(0, Math.min(MAX_ERROR_BODY, text.length())));
      });
      return;
    }
    response.handler(this::onData);
    response.exceptionHandler(e -> fail("broken stream", e));
    response.endHandler(v -> onEnd());
  }

  private synchronized void onData(Buffer buffer) {
    if (ended) {
      return;
    }
    long now = System.nanoTime();
    pending.append(buffer.toString(StandardCharsets.UTF_8));
    int boundary;
    while ((boundary = eventEnd(pending)) >= 0) {
      String event = pending.substring(0, boundary);
      pending.delete(0, boundary + (pending.charAt(boundary) == '\r' ? 4 : 2));
      for (String line : event.split("\r?\n")) {
        if (line.startsWith("data:")) {
          onEvent(line.substring(5).trim(), now);
        }
      }
    }
  }

  /** Index of the blank line ending the first complete event, or -1. */
  private static int eventEnd(StringBuilder text) {
    int lf = text.indexOf("\n\n");
    int crlf = text.indexOf("\r\n\r\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
      return crlf;
    }
    return lf;
  }

  private void onEvent(String data, long now) {
    if (data.equals("[DONE]")) {
      done = true;
      return;
    }
    if (hasContent(data)) {
      if (firstContentNanos < 0) {
        firstContentNanos = now;
      } else {
        addGap(now - lastContentNanos);
      }
      lastContentNanos = now;
      contentChunks++;
    }
    int usage = data.indexOf("\"completion_tokens\"");
    if (usage >= 0) {
      completionTokens = leadingNumber(data, data.indexOf(':', usage) + 1);
    }
  }

  /** True when a {@code "content"} key holds a non-empty string (null and "" are not content). */
  static boolean hasContent(String json) {
    for (int at = json.indexOf("\"content\""); at >= 0; at = json.indexOf("\"content\"", at + 1)) {
      int i = skipSpaces(json, at + 9);
      if (i < json.length() && json.charAt(i) == ':') {
        i = skipSpaces(json, i + 1);
        if (i + 1 < json.length() && json.charAt(i) == '"' && json.charAt(i + 1) != '"') {
          return true;
        }
      }
    }
    return false;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int leadingNumber(String s, int from) {
    int i = skipSpaces(s, from);
    int value = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      value = value * 10 + (s.charAt(i++) - '0');
    }
    return value;
  }

  private void addGap(long nanos) {
    if (gapCount == gaps.length) {
      gaps = Arrays.copyOf(gaps, gapCount * 2);
    }
    gaps[gapCount++] = nanos;
  }

  private synchronized void onEnd() {
    if (!done) {
      fail("missing [DONE]", "the stream ended after " + contentChunks + " content chunks without data: [DONE]");
    } else if (firstContentNanos < 0) {
      fail("no content", "the stream ended without any content");
    } else {
      finish();
    }
  }

  synchronized void timeOut(int seconds) {
    if (!ended) {
      fail("timeout", "not finished after " + seconds + " s (" + contentChunks + " content chunks seen)");
    }
  }

  private synchronized void fail(String kind, Throwable cause) {
    fail(kind, cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  private synchronized void fail(String kind, String message) {
    if (ended) {
      return;
    }
    errorKind = kind;
    error = message;
    finish();
  }

  private void finish() {
    ended = true;
    endNanos = System.nanoTime();
    open.decrementAndGet();
    finished.countDown();
  }

  synchronized String error() {
    return error;
  }

  synchronized String errorKind() {
    return errorKind;
  }

  synchronized long ttftNanos() {
    return firstContentNanos < 0 ? -1 : firstContentNanos - startNanos;
  }

  synchronized long totalNanos() {
    return endNanos - startNanos;
  }

  synchronized int contentChunks() {
    return contentChunks;
  }

  synchronized int completionTokens() {
    return completionTokens;
  }

  synchronized void gaps(LongConsumer sink) {
    for (int i = 0; i < gapCount; i++) {
      sink.accept(gaps[i]);
    }
  }
}
