package gw.gateway.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event loop's client connections and the deadline each is under, like nginx's
 * {@code client_header_timeout}, {@code client_body_timeout} and {@code keepalive_timeout}: a new
 * connection must bring complete request headers within the header timeout, a request its body
 * within the body timeout, and an idle keep-alive connection its next request within the keep-alive
 * timeout. A connection past its header or keep-alive deadline is closed (there is no request to
 * answer, as in Envoy); a body past its deadline is answered 408 by the body's reader. One periodic
 * sweep checks every deadline, so a request pays a map lookup and two field writes, not a timer.
 * Touched only on its event loop.
 */
final class ConnectionWatch {
  private final Map<HttpConnection, Deadline> open = new HashMap<>();
  private final long headerTimeoutNanos;
  private final long bodyTimeoutNanos;
  private final long keepAliveNanos;
  private final EdgeCounters counters;
  private final long sweepTimer;
  private final Vertx vertx;

  ConnectionWatch(Vertx vertx, long headerTimeoutMs, long bodyTimeoutMs, long keepAliveMs, EdgeCounters counters) {
    this.vertx = vertx;
    this.headerTimeoutNanos = headerTimeoutMs * 1_000_000;
    this.bodyTimeoutNanos = bodyTimeoutMs * 1_000_000;
    this.keepAliveNanos = keepAliveMs * 1_000_000;
    this.counters = counters;
    long shortest = Math.min(headerTimeoutMs, Math.min(bodyTimeoutMs, keepAliveMs));
    this.sweepTimer = vertx.setPeriodic(Math.max(10, Math.min(1000, shortest / 4)), id -> sweep(System.nanoTime()));
  }

  void opened(HttpConnection connection) {
    Deadline d = new Deadline(connection);
    d.set(System.nanoTime() + headerTimeoutNanos, () -> {
      counters.rejected(EdgeCounters.Reason.HEADER_TIMEOUT);
      connection.close();
    });
    open.put(connection, d);
    connection.closeHandler(v -> open.remove(connection));
  }

  /** A request's headers arrived: its connection is no longer waiting for them. */
  Deadline requestStarted(HttpConnection connection) {
    Deadline d = open.get(connection);
    if (d == null) { // a connection the watch did not see open (none today; harmless)
      d = new Deadline(connection);
      open.put(connection, d);
    }
    d.active++;
    d.clear();
    return d;
  }

  /** The request's body must arrive before the body timeout; {@code onExpiry} answers 408. */
  void awaitBody(Deadline d, Runnable onExpiry) {
    d.set(System.nanoTime() + bodyTimeoutNanos, () -> {
      counters.rejected(EdgeCounters.Reason.BODY_TIMEOUT);
      onExpiry.run();
    });
  }

  /** The response is written: once no request is active, the connection may idle for the keep-alive time. */
  void requestEnded(Deadline d) {
    if (--d.active <= 0) {
      d.active = 0;
      d.set(System.nanoTime() + keepAliveNanos, d.connection::close);
    } else {
      d.clear();
    }
  }

  private void sweep(long now) {
    List<Runnable> expired = new ArrayList<>();
    for (Deadline d : open.values()) {
      if (d.atNanos != 0 && now - d.atNanos >= 0) {
        expired.add(d.onExpiry);
        d.clear();
      }
    }
    expired.forEach(Runnable::run); // after the loop: closing a connection removes it from the map
  }

  void close() {
    vertx.cancelTimer(sweepTimer);
  }

  /** One connection's current deadline (0: none) and what happens when it passes. */
  static final class Deadline {
    private final HttpConnection connection;
    private long atNanos;
    private Runnable onExpiry;
    private int active;

    private Deadline(HttpConnection connection) {
      this.connection = connection;
    }

    private void set(long at, Runnable expiry) {
      atNanos = at == 0 ? 1 : at;
      onExpiry = expiry;
    }

    void clear() {
      atNanos = 0;
      onExpiry = null;
    }
  }
}
