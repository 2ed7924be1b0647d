package gw.gateway.upstream;

import static gw.gateway.upstream.FakeUpstream.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.config.ConfigSource;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.policy.breaker.Breakers;
import gw.gateway.policy.breaker.BreakersConfig;
import gw.gateway.policy.breaker.UpstreamBreaker;
import gw.gateway.policy.breaker.UpstreamGuard;
import gw.gateway.upstream.FakeUpstream.FakeResponse;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PERFORMANCE_DEGRADATION around a scripted try, on a Vert.x event loop as in the gateway; slow-call
 * judging is off (slow_call_ms 0), so only failures count and no timer runs.
 */
@ExtendWith(VertxExtension.class)
class BreakerGuardTest {
  private final FakeUpstream inner = new FakeUpstream();

  private static Breakers breakers(Vertx vertx, Consumer<ObjectNode> edit) {
    ConfigSource bundled = ConfigSource.bundled();
    ObjectNode root = (ObjectNode) bundled.read(BreakersConfig.FILE);
    ObjectNode performance = (ObjectNode) root.get("PERFORMANCE_DEGRADATION");
    performance.put("max_failures", 2).put("slow_call_ms", 0);
    edit.accept(performance);
    BreakersConfig config = BreakersConfig.load(bundled.withFile(BreakersConfig.FILE, root));
    return new Breakers(config, System::currentTimeMillis,
        new UpstreamBreaker(vertx, config.performance(), System::currentTimeMillis));
  }

  private BreakerGuard guard(Breakers breakers, BreakerMode mode) {
    breakers.get(IncidentClass.PERFORMANCE_DEGRADATION)
        .setMode(new Breaker.ModeChange(mode, "test", "tester", Instant.now()));
    return new BreakerGuard(inner, new UpstreamGuard(breakers, upstreamOf(breakers)), () -> 7L);
  }

  private static UpstreamBreaker upstreamOf(Breakers breakers) {
    return (UpstreamBreaker) breakers.get(IncidentClass.PERFORMANCE_DEGRADATION).trigger();
  }

  /** A request whose first try has started, as the retry decorator leaves it. */
  private static UpstreamRequest tried() {
    UpstreamRequest req = request("gpt-4o", 1_000, 10_000);
    req.exchange().startAttempt("gpt-4o", 1);
    return req;
  }

  @Test
  void forcedOpenSendsOneFinalTryToTheFallbackModel(Vertx vertx, VertxTestContext test) {
    inner.thenAnswer(FakeResponse.of(200));
    UpstreamRequest req = tried();
    BreakerGuard guard = guard(breakers(vertx, p -> { }), BreakerMode.FORCED_OPEN);

    vertx.runOnContext(v -> guard.call(req).onComplete(test.succeeding(answer -> test.verify(() -> {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(inner.models).containsExactly("gpt-4o-mini");
      Exchange ex = req.exchange();
      assertThat(ex.attempts()).extracting(Exchange.Attempt::model).containsExactly("gpt-4o", "gpt-4o-mini");
      assertThat(ex.attempts().get(0).error()).isEqualTo("breaker_open");
      assertThat(ex.actions()).containsExactly(UpstreamGuard.FALLBACK_ACTION);
      assertThat(req.isBreakerSettled()).as("no retry or forward fallback after the breaker's answer").isTrue();
      test.completeNow();
    }))));
  }

  @Test
  void forcedOpenWithoutAFallbackModelFailsFastWithoutCallingTheUpstream(Vertx vertx, VertxTestContext test) {
    UpstreamRequest req = tried();
    BreakerGuard guard = guard(breakers(vertx, p -> p.putNull("fallback_model")), BreakerMode.FORCED_OPEN);

    vertx.runOnContext(v -> guard.call(req).onComplete(test.failing(e -> test.verify(() -> {
      assertThat(e).isInstanceOf(GatewayFailure.class);
      assertThat(((GatewayFailure) e).status()).isEqualTo(503);
      assertThat(inner.models).isEmpty();
      assertThat(req.exchange().actions()).containsExactly(UpstreamGuard.FAIL_FAST_ACTION);
      test.completeNow();
    }))));
  }

  @Test
  void aServerErrorReachesTheCallerAsSentAndCountsTowardsOpening(Vertx vertx, VertxTestContext test) {
    inner.thenAnswer(FakeResponse.of(503)).thenAnswer(FakeResponse.of(503));
    Breakers breakers = breakers(vertx, p -> { });
    BreakerGuard guard = guard(breakers, BreakerMode.AUTO);

    vertx.runOnContext(v -> guard.call(tried()).compose(first -> guard.call(tried()).map(second -> first))
        .onComplete(test.succeeding(first -> test.verify(() -> {
          assertThat(first.status()).isEqualTo(503);
          assertThat(breakers.get(IncidentClass.PERFORMANCE_DEGRADATION).view().autoState().name()).isEqualTo("OPEN");
          test.completeNow();
        }))));
  }

  @Test
  void inObserveModeAnOpenBreakerStillCallsTheUpstreamAndOnlyNotesTheFallback(Vertx vertx, VertxTestContext test) {
    inner.thenAnswer(FakeResponse.of(503)).thenAnswer(FakeResponse.of(503)).thenAnswer(FakeResponse.of(200));
    BreakerGuard guard = guard(breakers(vertx, p -> { }), BreakerMode.OBSERVE);
    UpstreamRequest third = tried();

    vertx.runOnContext(v -> guard.call(tried()).compose(a -> guard.call(tried())).compose(b -> guard.call(third))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertThat(answer.status()).isEqualTo(200);
          assertThat(inner.models).containsExactly("gpt-4o", "gpt-4o", "gpt-4o");
          Exchange ex = third.exchange();
          assertThat(ex.actions()).isEmpty();
          assertThat(ex.observedActions()).containsExactly(UpstreamGuard.FALLBACK_ACTION);
          assertThat(ex.routedModel()).isEqualTo("gpt-4o");
          assertThat(third.isBreakerSettled()).isFalse();
          test.completeNow();
        }))));
  }
}
