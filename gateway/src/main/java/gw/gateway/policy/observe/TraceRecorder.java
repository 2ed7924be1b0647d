package gw.gateway.policy.observe;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import gw.gateway.detect.HealthMetrics;
import gw.gateway.metrics.RequestMetrics;
import gw.gateway.metrics.GatewayMetrics;
import gw.traces.InvalidTraceException;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import gw.traces.quality.QualityInput;
import gw.traces.quality.QualityProxies;
import gw.traces.quality.QualityResult;
import gw.traces.redact.Redactor;
import gw.traces.sampling.Sampler;
import gw.traces.store.TraceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Takes finished exchanges off the event loop onto one pipeline thread: sample, assemble, redact,
 * validate, then offer to the store's bounded queue. One thread draining a bounded queue in
 * batches costs far fewer wake-ups than a task per request, and leaves the other cores to the
 * event loops. When it falls behind, traces are dropped and counted; the user's request never
 * waits for any of this.
 */
public final class TraceRecorder implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TraceRecorder.class.getName());
  private static final int BATCH = 256;

  private final GatewayMetrics metrics;
  private final String environment;
  private final Sampler sampler;
  private final TraceAssembler assembler;
  private final QualityProxies qualityProxies;
  private final HealthMetrics health;
  private final RequestMetrics requestMetrics;
  private final Redactor redactor;
  private final TraceStore store;
  private final BlockingQueue<Exchange> queue;
  private final Thread pipeline;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong notSampled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong overflowed = new AtomicLong();
  private volatile boolean closing;

  public TraceRecorder(GatewayMetrics metrics, String environment, Sampler sampler, TraceAssembler assembler,
      QualityProxies qualityProxies, HealthMetrics health, RequestMetrics requestMetrics, Redactor redactor,
      TraceStore store, int capacity) {
    this.qualityProxies = qualityProxies;
    this.requestMetrics = requestMetrics;
    this.health = health;
    this.metrics = metrics;
    this.environment = environment;
    this.sampler = sampler;
    this.assembler = assembler;
    this.redactor = redactor;
    this.store = store;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.pipeline = new Thread(this::run, "gw-trace-pipeline");
    pipeline.setDaemon(true);
    pipeline.start();
  }

  /** Called on an event loop; never blocks. */
  public void record(Exchange exchange) {
    if (closing || !queue.offer(exchange)) {
      overflowed.incrementAndGet();
      // No room to measure it: reservations are settled as reserved rather than leaked.
      settle(exchange, Metered.UNMEASURED);
      return;
    }
    accepted.incrementAndGet();
  }

  private void run() {
    List<Exchange> batch = new ArrayList<>(BATCH);
    while (!closing || !queue.isEmpty()) {
      try {
        Exchange first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
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
    try {
      metrics.recordOverhead(exchange.route(), TraceAssembler.gatewayNanos(exchange));
      boolean failed = TraceAssembler.failed(exchange);
      TraceAssembler.Measured measured = assembler.measure(exchange);
      QualityInput input = TraceAssembler.qualityInput(exchange, measured);
      QualityResult quality = input == null ? null : qualityProxies.evaluate(input);
      Metered metered = measured.metered(failed, quality);
      settle(exchange, metered);
      double totalMs = TraceAssembler.totalMs(exchange);
      Double ttftMs = TraceAssembler.ttftMs(exchange);
      health.observe(exchange, metered, totalMs, ttftMs);
      requestMetrics.record(exchange, metered, totalMs, TraceAssembler.upstreamMs(exchange), ttftMs);
      TraceRecord.Sampling sampling = sampler.decide(environment, failed,
          TraceAssembler.totalMs(exchange), !exchange.actions().isEmpty() || !exchange.observedActions().isEmpty());
      if (!sampling.kept()) {
        notSampled.incrementAndGet();
        return;
      }
      store.offer(TraceValidator.requireValid(redactor.redactRecord(assembler.assemble(exchange, sampling, measured,
          quality))));
    } catch (InvalidTraceException e) {
      rejected.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "trace " + exchange.traceId() + " not stored: " + e.getMessage());
    } catch (RuntimeException e) {
      rejected.incrementAndGet();
      LOG.log(System.Logger.Level.ERROR, "trace " + exchange.traceId() + " could not be assembled", e);
    }
  }

  /** Budgets, limits and breakers get the real numbers; one failing settlement does not stop the others. */
  private static void settle(Exchange exchange, Metered metered) {
    for (Consumer<Metered> settlement : exchange.settlements()) {
      try {
        settlement.accept(metered);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "settling trace " + exchange.traceId() + " failed", e);
      }
    }
  }

  /**
   * Blocks until every exchange handed over so far has been processed and the store has written
   * it. For shutdown and tests; never call it on an event loop.
   */
  public void flush() throws InterruptedException {
    long target = accepted.get();
    synchronized (processed) {
      while (processed.get() < target && pipeline.isAlive()) {
        processed.wait(100);
      }
    }
    store.flush();
  }

  /** Processes what is queued, then stops the pipeline thread. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    pipeline.join();
  }

  /** What became of every request's trace so far, here and in the store. */
  public Counts counts() {
    return new Counts(store.stored(), overflowed.get() + store.dropped(), rejected.get() + store.rejected(),
        notSampled.get(), accepted.get() - processed.get());
  }

  /**
   * {@code dropped}: queue full here or in the store, or a failed write; {@code rejected}: invalid;
   * {@code pending}: handed over, not yet processed.
   */
  public record Counts(long stored, long dropped, long rejected, long notSampled, long pending) {}
}
