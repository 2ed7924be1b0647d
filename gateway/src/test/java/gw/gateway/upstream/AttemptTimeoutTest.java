package gw.gateway.upstream;

import static gw.gateway.upstream.FakeUpstream.request;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.ManualTimers;
import gw.gateway.upstream.FakeUpstream.FakeResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One try's timeout on the test's timers: a try still without headers is reset. */
class AttemptTimeoutTest {
  private final AtomicLong clockMs = new AtomicLong(1_000);
  private final ManualTimers timers = new ManualTimers(clockMs);
  private final FakeUpstream inner = new FakeUpstream();
  private final AttemptTimeout timeout = new AttemptTimeout(inner, 500, timers);

  /** A try that hangs until it is reset, as an HTTP request would. */
  private static Future<UpstreamResponse> hanging(UpstreamRequest r) {
    Promise<UpstreamResponse> answer = Promise.promise();
    r.resetWith(cause -> answer.tryFail(cause == null ? new IllegalStateException("reset") : cause));
    return answer.future();
  }

  @Test
  void aTryWithoutAnAnswerByTheTimeoutIsResetWithATimeout() {
    inner.then(AttemptTimeoutTest::hanging);

    Future<UpstreamResponse> answer = timeout.call(request("gpt-4o", 1_000, 10_000));
    timers.advance(499);
    assertThat(answer.isComplete()).isFalse();
    timers.advance(1);

    assertThat(answer.cause()).isInstanceOf(TimeoutException.class).hasMessage("attempt timed out after 500 ms");
  }

  @Test
  void anAnswerInTimeCancelsTheTimer() {
    inner.thenAnswer(FakeResponse.of(200));

    assertThat(timeout.call(request("gpt-4o", 1_000, 10_000)).result().status()).isEqualTo(200);
    assertThat(timers.cancelled).isEqualTo(1);
    assertThat(timers.pending()).isZero();
  }

  @Test
  void aRequestWhoseClientIsGoneIsLeftToTheClientsReset() {
    inner.then(AttemptTimeoutTest::hanging);
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);

    Future<UpstreamResponse> answer = timeout.call(req);
    req.end();
    timers.advance(500);

    assertThat(answer.isComplete()).as("the attempt timeout does not reset an ended request").isFalse();
  }
}
