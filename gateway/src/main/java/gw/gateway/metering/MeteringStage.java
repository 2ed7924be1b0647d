package gw.gateway.metering;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import java.util.ArrayList;
import java.util.List;
import gw.traces.concurrent.LingeringQueue;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Takes finished exchanges off the event loop onto one metering thread, measures each once
 * ({@link Meter}) and hands the measurement to every subscriber in turn: the exchange's own
 * settlements (budgets, token limits, breaker windows), health, metrics, trace storage. They are
 * equals: none depends on another having run, and one that throws does not stop the rest.
 *
 * <p>One thread draining a bounded queue in batches, looking again every millisecond while
 * requests keep coming ({@link LingeringQueue}), costs one wake-up per batch instead of one per
 * request and leaves the other cores to the event loops. When it falls behind, an exchange is
 * not measured (counted as overflowed) and only its settlements run, with
 * {@link Metered#UNMEASURED}, so reservations are never leaked; the request never waits.
 */
public final class MeteringStage implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MeteringStage.class.getName());
  private static final int BATCH = 256;
  private static final Duration LINGER = Duration.ofMillis(1);
  private static final Duration IDLE_CHECK = Duration.ofMillis(100);

  private final Meter meter;
  private final int capacity;
  private final LingeringQueue<Exchange> queue;
  private final List<MeteringSubscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong overflowed = new AtomicLong();
  private final AtomicLong unmeasurable = new AtomicLong();
  private volatile boolean closing;

  public MeteringStage(Meter meter, int capacity) {
    this.meter = meter;
    this.capacity = capacity;
    this.queue = new LingeringQueue<>(capacity, LINGER);
    subscribers.add(MeteringStage::settle);
    this.thread = new Thread(this::run, "gw-metering");
    thread.setDaemon(true);
    thread.start();
  }

  /** Adds a subscriber; each measurement reaches the subscribers in the order they were added. */
  public MeteringStage subscribe(MeteringSubscriber subscriber) {
    subscribers.add(subscriber);
    return this;
  }

  /** Called on an event loop once the client's response has ended; never blocks. */
  public void submit(Exchange exchange) {
    if (closing || !queue.offer(exchange)) {
      overflowed.incrementAndGet();
      settle(exchange, Metered.UNMEASURED);
      return;
    }
    accepted.incrementAndGet();
  }

  private void run() {
    List<Exchange> batch = new ArrayList<>(BATCH);
    while (!closing || !queue.isEmpty()) {
      try {
        if (queue.take(batch, BATCH, IDLE_CHECK) == 0) {
          continue;
        }
        for (Exchange exchange : batch) {
          process(exchange);
        }
        processed.addAndGet(batch.size());
        batch.clear();
        synchronized (processed) {
          processed.notifyAll();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void process(Exchange exchange) {
    Measurement measurement;
    try {
      measurement = meter.measure(exchange);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "request " + exchange.traceId() + " could not be measured", e);
      unmeasurable.incrementAndGet();
      settle(exchange, Metered.UNMEASURED);
      return;
    }
    for (MeteringSubscriber subscriber : subscribers) {
      try {
        subscriber.onMetered(exchange, measurement);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "a subscriber failed on request " + exchange.traceId(), e);
      }
    }
  }

  private static void settle(Exchange exchange, Measurement measurement) {
    settle(exchange, measurement.metered());
  }

  /** Budgets, limits and breakers get the real numbers; one failing settlement does not stop the others. */
  private static void settle(Exchange exchange, Metered metered) {
    for (Consumer<Metered> settlement : exchange.settlements()) {
      try {
        settlement.accept(metered);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "settling request " + exchange.traceId() + " failed", e);
      }
    }
  }

  /** Blocks until every exchange submitted so far is processed. For shutdown and tests; never on an event loop. */
  public void flush() throws InterruptedException {
    long target = accepted.get();
    synchronized (processed) {
      while (processed.get() < target && thread.isAlive()) {
        processed.wait(100);
      }
    }
  }

  /** Exchanges not measured because the queue was full (their settlements ran unmeasured). */
  public long overflowed() {
    return overflowed.get();
  }

  /** Exchanges the meter failed on (logged); only their settlements ran, unmeasured. */
  public long unmeasurable() {
    return unmeasurable.get();
  }

  /** Submitted, not yet processed. */
  public long pending() {
    return accepted.get() - processed.get();
  }

  public int capacity() {
    return capacity;
  }

  /** Processes what is queued, then stops the metering thread. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    thread.join();
  }
}
