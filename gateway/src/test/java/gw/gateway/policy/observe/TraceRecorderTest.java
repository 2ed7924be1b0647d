package gw.gateway.policy.observe;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Route;
import gw.gateway.cost.Pricing;
import gw.gateway.cost.TokenCounter;
import gw.gateway.metering.Meter;
import gw.gateway.metering.MeteringStage;
import gw.traces.TraceRecord;
import gw.traces.quality.QualityProxies;
import gw.traces.redact.Redactor;
import gw.traces.redact.UserIdHasher;
import gw.traces.sampling.Sampler;
import gw.traces.sampling.SamplingRules;
import gw.traces.store.TracePage;
import gw.traces.store.TraceQuery;
import gw.traces.store.TraceStore;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TraceRecorderTest {
  /** A store whose first write waits for the test to let it go. */
  private static final class GatedStore implements TraceStore {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<TraceRecord> offered = new CopyOnWriteArrayList<>();

    @Override
    public boolean offer(TraceRecord r) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return offered.add(r);
    }

    @Override public Optional<TraceRecord> findById(String id) { return Optional.empty(); }
    @Override public TracePage query(TraceQuery q) { return new TracePage(List.of(), null); }
    @Override public long stored() { return offered.size(); }
    @Override public long dropped() { return 0; }
    @Override public long rejected() { return 0; }
    @Override public void flush() {}
    @Override public void close() {}
  }

  private static Exchange finishedModelsRequest() {
    long start = System.nanoTime();
    Exchange ex = new Exchange(UUID.randomUUID().toString(), Route.MODELS, MultiMap.caseInsensitiveMultiMap(),
        Instant.now(), start);
    ex.status(200);
    ex.ended(start + 1_000);
    return ex;
  }

  @Test
  void aFullQueueDropsAndCountsTracesWithoutBlockingTheCaller() throws Exception {
    GatedStore store = new GatedStore();
    MeteringStage stage = new MeteringStage(new Meter(new Pricing(Map.of()), new TokenCounter(),
        new QualityProxies(List.of())), 2);
    TraceRecorder recorder = new TraceRecorder("dev", new Sampler(SamplingRules.defaults(), new Random(1)),
        new TraceAssembler("dev", new UserIdHasher("s")), Redactor.defaults(), store, stage, record -> { });
    stage.subscribe(recorder);
    stage.submit(finishedModelsRequest());
    store.entered.await();            // the metering thread is now stuck writing the first trace
    for (int i = 0; i < 9; i++) {
      stage.submit(finishedModelsRequest());   // 2 fit in the queue, 7 do not
    }
    assertThat(recorder.counts().dropped()).isEqualTo(7);

    store.release.countDown();
    recorder.flush();
    assertThat(store.offered).hasSize(3);
    assertThat(store.offered.get(0).route()).isEqualTo("/v1/models");
    assertThat(recorder.counts().pending()).isZero();
    stage.close();
  }
}
