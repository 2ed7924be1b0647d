package gw.gateway.upstream;

import static gw.gateway.upstream.FakeUpstream.request;
import static gw.gateway.upstream.FakeUpstream.rules;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.testing.ManualTimers;
import gw.gateway.upstream.FakeUpstream.FakeResponse;
import io.vertx.core.Future;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Retries of one model: the test's clock and timers, so a backoff passes only when the test moves time. */
class RetryTest {
  private final AtomicLong clockMs = new AtomicLong(1_000);
  private final ManualTimers timers = new ManualTimers(clockMs);
  private final FakeUpstream inner = new FakeUpstream();

  private Retry retry(int maxAttempts) {
    return new Retry(inner, rules(maxAttempts), timers, () -> clockMs.get() * 1_000_000);
  }

  @Test
  void aRetryableAnswerIsTriedAgainAfterItsRetryAfterAndEachTryIsAnAttempt() {
    FakeResponse overloaded = new FakeResponse(503, "1");
    inner.thenAnswer(overloaded).thenAnswer(FakeResponse.of(200));
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);

    Future<UpstreamResponse> answer = retry(3).call(req);
    timers.advance(999);
    assertThat(answer.isComplete()).as("Retry-After: 1 is waited in full").isFalse();
    timers.advance(1);

    assertThat(answer.result().status()).isEqualTo(200);
    assertThat(inner.models).containsExactly("gpt-4o", "gpt-4o");
    assertThat(overloaded.discarded).as("the refused answer is drained").isEqualTo(1);
    Exchange ex = req.exchange();
    assertThat(ex.attempts()).hasSize(2);
    assertThat(ex.attempts().get(0).status()).isEqualTo(503);
    assertThat(ex.attempts().get(0).endNanos()).isEqualTo(1_000 * 1_000_000L);
    assertThat(ex.attempts().get(1).endNanos()).as("the relayed try stays open").isZero();
  }

  @Test
  void anAnswerWhoseStatusIsNotRetryableIsTheAnswerAtOnce() {
    FakeResponse badRequest = FakeResponse.of(400);
    inner.thenAnswer(badRequest);

    Future<UpstreamResponse> answer = retry(3).call(request("gpt-4o", 1_000, 10_000));

    assertThat(answer.result().status()).isEqualTo(400);
    assertThat(timers.started).isZero();
    assertThat(badRequest.discarded).isZero();
  }

  @Test
  void afterMaxAttemptsTheLastFailureIsReturnedAndItsAttemptClosedWithTheError() {
    inner.thenFail(new ConnectException("refused 1")).thenFail(new ConnectException("refused 2"))
        .thenFail(new ConnectException("refused 3"));
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);

    Future<UpstreamResponse> answer = retry(3).call(req);
    timers.advance(1_000); // two backoffs of at most 400 ms each

    assertThat(answer.cause()).hasMessage("refused 3");
    assertThat(inner.models).hasSize(3);
    assertThat(req.exchange().attempts()).extracting(Exchange.Attempt::error)
        .containsExactly("refused 1", "refused 2", "refused 3");
    assertThat(req.isExpired()).as("out of tries is not out of time: a fallback model may follow").isFalse();
  }

  @Test
  void aRetryAfterLongerThanAllowedIsNotWaitedFor() {
    inner.thenAnswer(new FakeResponse(429, "5"));

    Future<UpstreamResponse> answer = retry(3).call(request("gpt-4o", 1_000, 10_000));

    assertThat(answer.result().status()).isEqualTo(429);
    assertThat(inner.models).hasSize(1);
  }

  @Test
  void aWaitThatWouldPassTheDeadlineEndsTheTriesWithoutAFallback() {
    inner.thenAnswer(new FakeResponse(503, "1"));
    UpstreamRequest req = request("gpt-4o", 1_000, 800);

    Future<UpstreamResponse> answer = retry(3).call(req);

    assertThat(answer.result().status()).isEqualTo(503);
    assertThat(inner.models).hasSize(1);
    assertThat(req.isExpired()).isTrue();
  }

  @Test
  void onAFallbackModelOneTryIsAll() {
    inner.thenAnswer(FakeResponse.of(503));
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);
    req.onFallbackModel();

    assertThat(retry(3).call(req).result().status()).isEqualTo(503);
    assertThat(inner.models).hasSize(1);
  }

  @Test
  void theOpenBreakersOwnOutcomeIsNeverRetried() {
    inner.then(r -> {
      r.breakerSettled();
      return Future.failedFuture(new ConnectException("fallback model unreachable"));
    });
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);

    Future<UpstreamResponse> answer = retry(3).call(req);

    assertThat(answer.cause()).hasMessage("fallback model unreachable");
    assertThat(inner.models).hasSize(1);
    assertThat(timers.started).isZero();
  }

  @Test
  void aClientGoneDuringTheBackoffStartsNoFurtherTry() {
    inner.thenAnswer(new FakeResponse(503, "1"));
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);

    Future<UpstreamResponse> answer = retry(3).call(req);
    req.end();
    timers.advance(1_000);

    assertThat(answer.failed()).isTrue();
    assertThat(inner.models).hasSize(1);
    assertThat(req.exchange().attempts()).hasSize(1);
  }
}
