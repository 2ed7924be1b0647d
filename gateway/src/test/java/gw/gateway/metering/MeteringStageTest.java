package gw.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import gw.gateway.chain.Route;
import gw.gateway.cost.Pricing;
import gw.gateway.cost.TokenCounter;
import gw.traces.quality.QualityProxies;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeteringStageTest {
  private static final Pricing PRICING = new Pricing(Map.of("gpt-4o-mini", new Pricing.Price(1.0, 2.0)));
  private MeteringStage stage;

  @AfterEach
  void close() throws InterruptedException {
    stage.close();
  }

  private MeteringStage stage(int capacity) {
    stage = new MeteringStage(new Meter(PRICING, new TokenCounter(), new QualityProxies(List.of())), capacity);
    return stage;
  }

  /** A chat answer whose provider reported 1,000,000 prompt and 500,000 completion tokens. */
  private static Exchange answeredChat() {
    long start = System.nanoTime();
    Exchange ex = new Exchange(UUID.randomUUID().toString(), Route.CHAT_COMPLETIONS,
        MultiMap.caseInsensitiveMultiMap(), Instant.now(), start);
    ex.status(200);
    ex.responseJson(io.vertx.core.json.jackson.DatabindCodec.mapper().valueToTree(Map.of(
        "model", "gpt-4o-mini",
        "choices", List.of(Map.of("message", Map.of("role", "assistant", "content", "hi"), "finish_reason", "stop")),
        "usage", Map.of("prompt_tokens", 1_000_000, "completion_tokens", 500_000))));
    ex.responseBody(Buffer.buffer("{}"));
    ex.ended(start + 2_000_000);
    return ex;
  }

  @Test
  void everySubscriberGetsTheSameMeasurementAndTheSettlementsTheRealNumbers() throws Exception {
    stage(8);
    List<Measurement> seen = new CopyOnWriteArrayList<>();
    List<Metered> settled = new CopyOnWriteArrayList<>();
    stage.subscribe((ex, m) -> seen.add(m)).subscribe((ex, m) -> seen.add(m));
    Exchange ex = answeredChat();
    ex.onMetered(settled::add);
    stage.submit(ex);
    stage.flush();

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isSameAs(seen.get(1));
    Measurement m = seen.get(0);
    assertThat(m.modelServed()).isEqualTo("gpt-4o-mini");
    assertThat(m.cost()).isEqualTo(2.0); // 1M prompt at $1/M + 0.5M completion at $2/M
    assertThat(m.failed()).isFalse();
    assertThat(m.timings().totalMs()).isEqualTo(2.0);
    assertThat(settled).singleElement().satisfies(s -> {
      assertThat(s.totalTokens()).isEqualTo(1_500_000);
      assertThat(s.costUsd()).isEqualTo(2.0);
      assertThat(s.estimated()).isFalse();
    });
  }

  @Test
  void aFailingSubscriberDoesNotStopTheOthers() throws Exception {
    stage(8);
    List<String> after = new CopyOnWriteArrayList<>();
    stage.subscribe((ex, m) -> {
      throw new IllegalStateException("broken subscriber");
    }).subscribe((ex, m) -> after.add(ex.traceId()));
    Exchange ex = answeredChat();
    stage.submit(ex);
    stage.flush();
    assertThat(after).containsExactly(ex.traceId());
  }

  @Test
  void aRequestTheMeterFailsOnIsSettledUnmeasuredCountedAndReachesNoSubscriber() throws Exception {
    // No pricing table: pricing the answer's usage throws, as any bug in measuring would.
    stage = new MeteringStage(new Meter(null, new TokenCounter(), new QualityProxies(List.of())), 8);
    List<String> subscribed = new CopyOnWriteArrayList<>();
    stage.subscribe((ex, m) -> subscribed.add(ex.traceId()));
    Exchange ex = answeredChat();
    List<Metered> settled = new CopyOnWriteArrayList<>();
    ex.onMetered(settled::add);
    stage.submit(ex);
    stage.flush();
    assertThat(settled).containsExactly(Metered.UNMEASURED);
    assertThat(subscribed).isEmpty();
    assertThat(stage.unmeasurable()).isEqualTo(1);
  }

  @Test
  void aFullQueueSettlesUnmeasuredSoNoReservationLeaksAndTellsNoOtherSubscriber() throws Exception {
    stage(1);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> subscribed = new CopyOnWriteArrayList<>();
    stage.subscribe((ex, m) -> {
      subscribed.add(ex.traceId());
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stage.submit(answeredChat());
    entered.await();                 // the metering thread is busy with the first
    stage.submit(answeredChat());    // fills the queue of 1
    Exchange overflow = answeredChat();
    List<Metered> settled = new CopyOnWriteArrayList<>();
    overflow.onMetered(settled::add);
    stage.submit(overflow);

    assertThat(settled).containsExactly(Metered.UNMEASURED); // at once, on the caller's thread
    assertThat(stage.overflowed()).isEqualTo(1);
    release.countDown();
    stage.flush();
    assertThat(subscribed).hasSize(2).doesNotContain(overflow.traceId());
    assertThat(stage.pending()).isZero();
  }
}
