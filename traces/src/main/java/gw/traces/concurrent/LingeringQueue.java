package gw.traces.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue from producers that must never block to one consumer thread that takes work in
 * batches. While work keeps coming, producers do not wake the consumer: it looks again every
 * {@code linger}, so one wake-up serves every item that arrived meanwhile instead of one each (a
 * cross-thread wake-up costs a system call and, on a virtual machine, an interrupt to the other
 * core: as much as the work it hands over). After {@link #IDLE_LINGERS} empty looks in a row it
 * sleeps until the next offer wakes it, so an idle queue costs nothing and a lone item waits for
 * no timer.
 */
public final class LingeringQueue<T> {
  static final int IDLE_LINGERS = 10;

  private final ArrayBlockingQueue<T> queue;
  private final long lingerNanos;
  private volatile Thread sleeper;
  private volatile Thread consumer;
  private volatile boolean woken;

  public LingeringQueue(int capacity, Duration linger) {
    if (linger.isNegative() || linger.isZero()) {
      throw new IllegalArgumentException("linger must be positive, got " + linger);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.lingerNanos = linger.toNanos();
  }

  /** Adds an item unless the queue is full; never blocks. Wakes the consumer only if it sleeps. */
  public boolean offer(T item) {
    if (!queue.offer(item)) {
      return false;
    }
    Thread s = sleeper;
    if (s != null) {
      LockSupport.unpark(s);
    }
    return true;
  }

  /**
   * Consumer only: moves up to {@code max} items into {@code into} once there is at least one, or
   * returns 0 after about {@code timeout} with none, or at once after {@link #wake} (so the caller
   * can check whether to stop).
   */
  public int take(Collection<? super T> into, int max, Duration timeout) throws InterruptedException {
    consumer = Thread.currentThread();
    long deadline = System.nanoTime() + timeout.toNanos();
    int emptyLooks = 0;
    while (true) {
      int n = queue.drainTo(into, max);
      if (n > 0) {
        return n;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || woken) {
        woken = false;
        return 0;
      }
      if (++emptyLooks <= IDLE_LINGERS) {
        LockSupport.parkNanos(this, Math.min(lingerNanos, left));
      } else {
        sleep(left);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /** Parks until an offer wakes it; the flag is set before the last look, so no offer is missed. */
  private void sleep(long nanos) {
    sleeper = Thread.currentThread();
    try {
      if (queue.isEmpty()) {
        LockSupport.parkNanos(this, nanos);
      }
    } finally {
      sleeper = null;
    }
  }

  /** Makes the consumer's current or next {@link #take} return now, with what is queued (for shutdown). */
  public void wake() {
    woken = true;
    Thread c = consumer;
    if (c != null) {
      LockSupport.unpark(c);
    }
  }

  /** True while the consumer sleeps until an offer wakes it (rather than looking again by itself). */
  boolean consumerSleeps() {
    return sleeper != null;
  }

  /** Consumer only: removes everything queued; returns how many items that was. */
  public int discard() {
    return queue.drainTo(new ArrayList<>());
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  public int size() {
    return queue.size();
  }
}
