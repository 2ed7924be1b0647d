package gw.mock;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Writes SSE frames with their delays. Without delays the whole stream goes out in one write, which keeps
 * the benchmark path cheap. {@code dropAfterLast} closes the connection instead of ending the response.
 */
final class SseWriter {

  private final Vertx vertx;

  SseWriter(Vertx vertx) {
    this.vertx = vertx;
  }

  void write(HttpServerRequest request, List<SseFrame> frames, boolean dropAfterLast) {
    HttpServerResponse response = request.response();
    response.putHeader("content-type", "text/event-stream; charset=utf-8").putHeader("cache-control", "no-cache");
    boolean immediate = frames.stream().allMatch(frame -> frame.delayMs() <= 0);
    if (immediate && !dropAfterLast) {
      response.end(join(frames));
      return;
    }
    response.setChunked(true);
    if (immediate) {
      response.write(join(frames)).onComplete(done -> Connections.drop(request));
      return;
    }
    writeFrom(request, frames, 0, dropAfterLast);
  }

  private void writeFrom(HttpServerRequest request, List<SseFrame> frames, int index, boolean dropAfterLast) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    if (index == frames.size()) {
      if (dropAfterLast) {
        Connections.drop(request);
      } else {
        response.end();
      }
      return;
    }
    SseFrame frame = frames.get(index);
    Runnable next = () -> {
      if (!response.closed()) {
        response.write(Buffer.buffer(frame.wire()))
            .onComplete(written -> writeFrom(request, frames, index + 1, dropAfterLast));
      }
    };
    if (frame.delayMs() > 0) {
      vertx.setTimer(frame.delayMs(), timer -> next.run());
    } else {
      next.run();
    }
  }

  private static Buffer join(List<SseFrame> frames) {
    Buffer buffer = Buffer.buffer();
    for (SseFrame frame : frames) {
      buffer.appendString(frame.wire());
    }
    return buffer;
  }
}
