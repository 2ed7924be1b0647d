package gw.gateway.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests between arrival and hand-over to the metering stage, across all event loops: a
 * saturation signal, and what {@link Gateway#flushTraces()} waits on so that a request whose
 * client already has its last byte is not missed.
 */
final class InFlight {
  private final AtomicInteger count = new AtomicInteger();

  /** Counts the request in, unless {@code max} are already in flight. */
  boolean tryEnter(int max) {
    if (count.incrementAndGet() > max) {
      leave();
      return false;
    }
    return true;
  }

  void leave() {
    if (count.decrementAndGet() == 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  int current() {
    return count.get();
  }

  /** Blocks (never on an event loop) until no request is in flight, or the timeout passes. */
  synchronized boolean awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (count.get() > 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(Math.min(left, 50));
    }
    return true;
  }
}
