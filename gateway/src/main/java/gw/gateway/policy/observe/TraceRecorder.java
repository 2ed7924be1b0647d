package gw.gateway.policy.observe;

import gw.gateway.chain.Exchange;
import gw.gateway.metrics.GatewayMetrics;
import gw.traces.InvalidTraceException;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import gw.traces.redact.Redactor;
import gw.traces.sampling.Sampler;
import gw.traces.store.TraceStore;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes finished exchanges off the event loop: sample, assemble, redact, validate, then offer to
 * the store's bounded queue. When workers fall behind, traces are dropped and counted; the
 * user's request never waits for any of this.
 */
public final class TraceRecorder {
  private static final System.Logger LOG = System.getLogger(TraceRecorder.class.getName());

  private final WorkerExecutor workers;
  private final GatewayMetrics metrics;
  private final String environment;
  private final Sampler sampler;
  private final TraceAssembler assembler;
  private final Redactor redactor;
  private final TraceStore store;
  private final int maxPending;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong notSampled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong overflowed = new AtomicLong();

  public TraceRecorder(WorkerExecutor workers, GatewayMetrics metrics, String environment, Sampler sampler, TraceAssembler assembler,
      Redactor redactor, TraceStore store, int maxPending) {
    this.workers = workers;
    this.metrics = metrics;
    this.environment = environment;
    this.sampler = sampler;
    this.assembler = assembler;
    this.redactor = redactor;
    this.store = store;
    this.maxPending = maxPending;
  }

  public void record(Exchange exchange) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      overflowed.incrementAndGet();
      return;
    }
    workers.executeBlocking(() -> {
      try {
        process(exchange);
      } finally {
        if (pending.decrementAndGet() == 0) {
          synchronized (pending) {
            pending.notifyAll();
          }
        }
      }
      return null;
    }, false);
  }

  /**
   * Blocks until every exchange handed over so far has been processed and the store has written
   * it. For shutdown and tests; never call it on an event loop.
   */
  public void flush() throws InterruptedException {
    synchronized (pending) {
      while (pending.get() > 0) {
        pending.wait(100);
      }
    }
    store.flush();
  }

  private void process(Exchange exchange) {
    metrics.recordOverhead(exchange.route(), TraceAssembler.gatewayNanos(exchange));
    TraceRecord.Sampling sampling = sampler.decide(environment, TraceAssembler.failed(exchange),
        TraceAssembler.totalMs(exchange), !exchange.actions().isEmpty());
    if (!sampling.kept()) {
      notSampled.incrementAndGet();
      return;
    }
    TraceRecord clean;
    try {
      clean = TraceValidator.requireValid(redactor.redactRecord(assembler.assemble(exchange, sampling)));
    } catch (InvalidTraceException e) {
      rejected.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "trace " + exchange.traceId() + " not stored: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      rejected.incrementAndGet();
      LOG.log(System.Logger.Level.ERROR, "trace " + exchange.traceId() + " could not be assembled", e);
      return;
    }
    store.offer(clean);
  }

  /** Traces lost before the store's queue: workers behind, invalid, or sampled out. */
  public Counts counts() {
    return new Counts(pending.get(), notSampled.get(), rejected.get(), overflowed.get());
  }

  public record Counts(long pending, long notSampled, long rejected, long overflowed) {}
}
