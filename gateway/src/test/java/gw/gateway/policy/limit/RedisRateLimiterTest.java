package gw.gateway.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.BudgetsConfig.RateLimit;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.MutableClock;
import gw.gateway.testing.RedisLinks;
import gw.gateway.testing.RedisServer;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-key RPM/TPM buckets in a real Redis, shared by two instances. */
class RedisRateLimiterTest {
  @RegisterExtension static final RedisServer server = new RedisServer();
  private final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");
  private RedisLinks links;

  @BeforeEach
  void start() throws Exception {
    server.flushAll();
    links = new RedisLinks(server, clock);
  }

  @AfterEach
  void stop() {
    links.close();
  }

  private RedisRateLimiter instance() {
    return new RedisRateLimiter(new RateLimiter(clock), links.open(), clock);
  }

  private static long admitted(List<Future<Optional<RateLimitDenial>>> asked) {
    return asked.stream().filter(f -> GatewayHarness.await(f).isEmpty()).count();
  }

  @Test
  void anRpmOf60HoldsAs60AcrossTwoInstancesAndRefillsWithTime() {
    RedisRateLimiter a = instance();
    RedisRateLimiter b = instance();
    RateLimit limit = new RateLimit(60, 0);
    List<Future<Optional<RateLimitDenial>>> asked = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      asked.add((i % 2 == 0 ? a : b).acquire("acme-app", limit, 10));
    }
    assertThat(admitted(asked)).isEqualTo(60);
    RateLimitDenial d = GatewayHarness.await(b.acquire("acme-app", limit, 10)).orElseThrow();
    assertThat(d.kind()).isEqualTo(RateLimitDenial.Kind.RPM);
    assertThat(d.used()).isEqualTo(60);
    assertThat(d.retryAfterSeconds()).isEqualTo(1);
    assertThat(GatewayHarness.await(a.acquire("other-app", limit, 10))).as("one bucket per key").isEmpty();

    clock.advance(Duration.ofSeconds(10)); // 10 s refill 10 requests, for the fleet, not per instance
    asked.clear();
    for (int i = 0; i < 30; i++) {
      asked.add((i % 2 == 0 ? a : b).acquire("acme-app", limit, 10));
    }
    assertThat(admitted(asked)).isEqualTo(10);
  }

  @Test
  void tokensPerMinuteAreSharedAndCorrectedToWhatWasUsed() {
    RedisRateLimiter a = instance();
    RedisRateLimiter b = instance();
    RateLimit limit = new RateLimit(0, 1_000);
    assertThat(GatewayHarness.await(a.acquire("acme-app", limit, 800))).isEmpty();
    RateLimitDenial d = GatewayHarness.await(b.acquire("acme-app", limit, 300)).orElseThrow();
    assertThat(d.kind()).isEqualTo(RateLimitDenial.Kind.TPM);
    assertThat(d.used()).isEqualTo(800);

    GatewayHarness.await(a.settleTokens("acme-app", limit, 800, 100)); // it used 100 of the 800 it reserved
    assertThat(GatewayHarness.await(b.acquire("acme-app", limit, 300))).as("700 given back").isEmpty();
    assertThat(GatewayHarness.await(b.acquire("acme-app", limit, 2_000)).orElseThrow().neverFits()).isTrue();
  }

  @Test
  void whileRedisIsDownEachInstanceLimitsOnItsOwn() throws Exception {
    RedisRateLimiter a = instance();
    RateLimit limit = new RateLimit(3, 0);
    server.kill();
    try {
      List<Future<Optional<RateLimitDenial>>> asked = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        asked.add(a.acquire("acme-app", limit, 1));
      }
      assertThat(admitted(asked)).as("the local bucket still limits").isEqualTo(3);
    } finally {
      server.start();
    }
  }
}
