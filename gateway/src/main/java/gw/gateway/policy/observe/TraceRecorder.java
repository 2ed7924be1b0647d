package gw.gateway.policy.observe;

import gw.gateway.chain.Exchange;
import gw.gateway.metering.Measurement;
import gw.gateway.metering.MeteringStage;
import gw.gateway.metering.MeteringSubscriber;
import gw.traces.TraceRecord;
import gw.traces.redact.Redactor;
import gw.traces.sampling.Sampler;
import gw.traces.store.TraceStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Trace storage, one subscriber of the {@link MeteringStage}: sample, assemble, redact, then offer
 * to the store, which validates and queues. It only stores; budgets, limits, windows and metrics
 * are the stage's other subscribers and never depend on a trace being kept.
 */
public final class TraceRecorder implements MeteringSubscriber {
  private static final System.Logger LOG = System.getLogger(TraceRecorder.class.getName());

  private final String environment;
  private final Sampler sampler;
  private final TraceAssembler assembler;
  private final Redactor redactor;
  private final TraceStore store;
  private final MeteringStage stage;
  private final Consumer<TraceRecord> exporter;
  private final AtomicLong notSampled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  /**
   * {@code stage} is where this recorder's exchanges wait; its overflow is counted as dropped
   * traces. {@code exporter} gets every stored trace (e.g. OTLP export; it must not block).
   */
  public TraceRecorder(String environment, Sampler sampler, TraceAssembler assembler, Redactor redactor,
      TraceStore store, MeteringStage stage, Consumer<TraceRecord> exporter) {
    this.environment = environment;
    this.sampler = sampler;
    this.assembler = assembler;
    this.redactor = redactor;
    this.store = store;
    this.stage = stage;
    this.exporter = exporter;
  }

  @Override
  public void onMetered(Exchange exchange, Measurement measurement) {
    try {
      TraceRecord.Sampling sampling = sampler.decide(environment, measurement.failed(),
          measurement.timings().totalMs(), !exchange.actions().isEmpty() || !exchange.observedActions().isEmpty());
      exchange.traceSampling(sampling);
      if (!sampling.kept()) {
        notSampled.incrementAndGet();
        return;
      }
      // The store validates (counting and logging what it refuses), so the record is checked once.
      TraceRecord record = redactor.redactRecord(assembler.assemble(exchange, sampling, measurement));
      if (store.offer(record)) {
        exporter.accept(record);
      }
    } catch (RuntimeException e) {
      rejected.incrementAndGet();
      LOG.log(System.Logger.Level.ERROR, "trace " + exchange.traceId() + " could not be assembled", e);
    }
  }

  /**
   * Blocks until every exchange handed to the stage so far is processed and the store has written
   * it. For shutdown, replays and tests; never call it on an event loop.
   */
  public void flush() throws InterruptedException {
    stage.flush();
    store.flush();
  }

  /** What became of every request's trace so far, in the stage and in the store. */
  public Counts counts() {
    return new Counts(store.stored(), stage.overflowed() + store.dropped(),
        rejected.get() + stage.unmeasurable() + store.rejected(),
        notSampled.get(), stage.pending());
  }

  /**
   * {@code dropped}: queue full in the stage or the store, or a failed write; {@code rejected}: invalid,
   * or not measurable;
   * {@code pending}: handed over, not yet processed.
   */
  public record Counts(long stored, long dropped, long rejected, long notSampled, long pending) {}
}
