package gw.gateway.upstream;

import static gw.gateway.upstream.FakeUpstream.request;
import static gw.gateway.upstream.FakeUpstream.rules;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.upstream.FakeUpstream.FakeResponse;
import io.vertx.core.Future;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fallback chain after the requested model's tries, against a scripted inner upstream. */
class FallbackModelsTest {
  private final AtomicLong clockMs = new AtomicLong(1_000);
  private final FakeUpstream inner = new FakeUpstream();
  private final FallbackModels fallbacks = new FallbackModels(inner, rules(3), () -> clockMs.get() * 1_000_000);

  @Test
  void eachFallbackModelIsTriedInOrderAndTheRouteIsRecorded() {
    FakeResponse first = FakeResponse.of(503);
    inner.thenAnswer(first).thenFail(new ConnectException("refused")).thenAnswer(FakeResponse.of(200));
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);
    req.exchange().startAttempt("gpt-4o", 1); // as the retry decorator does for each try

    Future<UpstreamResponse> answer = fallbacks.call(req);

    assertThat(answer.result().status()).isEqualTo(200);
    assertThat(inner.models).containsExactly("gpt-4o", "gpt-4o-mini", "gpt-3.5-turbo");
    assertThat(inner.bodies.get(2)).contains("\"model\":\"gpt-3.5-turbo\"");
    assertThat(first.discarded).isEqualTo(1);
    Exchange ex = req.exchange();
    assertThat(ex.modelRequested()).isEqualTo("gpt-4o");
    assertThat(ex.routedModel()).isEqualTo("gpt-3.5-turbo");
    assertThat(ex.actions()).containsExactly(FallbackModels.ACTION);
    assertThat(req.isOnFallbackModel()).isTrue();
  }

  @Test
  void aSuccessfulOrNonRetryableAnswerIsNotFallenBackFrom() {
    inner.thenAnswer(FakeResponse.of(400));
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);

    assertThat(fallbacks.call(req).result().status()).isEqualTo(400);
    assertThat(inner.models).containsExactly("gpt-4o");
    assertThat(req.exchange().bodyModified()).isFalse();
  }

  @Test
  void noFallbackOnceTheDeadlineLeftNoRoomOrTheBreakerDecided() {
    inner.then(r -> {
      r.expire();
      return Future.succeededFuture(FakeResponse.of(503));
    }).then(r -> {
      r.breakerSettled();
      return Future.succeededFuture(FakeResponse.of(503));
    });

    assertThat(fallbacks.call(request("gpt-4o", 1_000, 10_000)).result().status()).isEqualTo(503);
    assertThat(fallbacks.call(request("gpt-4o", 1_000, 10_000)).result().status()).isEqualTo(503);
    assertThat(inner.models).containsExactly("gpt-4o", "gpt-4o");
  }

  @Test
  void noFallbackAfterTheOverallTimeoutPassed() {
    inner.then(r -> {
      clockMs.addAndGet(10_000);
      return Future.succeededFuture(FakeResponse.of(503));
    });

    assertThat(fallbacks.call(request("gpt-4o", 1_000, 10_000)).result().status()).isEqualTo(503);
    assertThat(inner.models).hasSize(1);
  }

  @Test
  void aModelWithoutAChainKeepsItsFailure() {
    inner.thenFail(new ConnectException("refused"));

    assertThat(fallbacks.call(request("gpt-4.1-nano", 1_000, 10_000)).cause()).hasMessage("refused");
    assertThat(inner.models).containsExactly("gpt-4.1-nano");
  }
}
