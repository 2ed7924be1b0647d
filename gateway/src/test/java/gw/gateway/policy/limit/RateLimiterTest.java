package gw.gateway.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.BudgetsConfig.RateLimit;
import gw.gateway.policy.limit.RateLimitDenial.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong nanos = new AtomicLong(123 * SECOND);
  private final RateLimiter limiter = new RateLimiter(nanos::get);

  private void advanceSeconds(double seconds) {
    nanos.addAndGet((long) (seconds * SECOND));
  }

  @Test
  void rpmAdmitsTheLimitThenDeniesWithSecondsUntilARequestRefills() {
    RateLimit limit = new RateLimit(60, 0);
    for (int i = 0; i < 60; i++) {
      assertThat(limiter.acquire("demo", limit, 10)).isEmpty();
    }
    RateLimitDenial d = limiter.acquire("demo", limit, 10).orElseThrow();
    assertThat(d.kind()).isEqualTo(Kind.RPM);
    assertThat(d.limit()).isEqualTo(60);
    assertThat(d.used()).isEqualTo(60);
    assertThat(d.retryAfterSeconds()).isEqualTo(1);
    assertThat(d.neverFits()).isFalse();
  }

  @Test
  void bucketsRefillContinuouslyAtTheLimitPerSixtySeconds() {
    RateLimit limit = new RateLimit(0, 600);
    assertThat(limiter.acquire("demo", limit, 600)).isEmpty();
    advanceSeconds(5);
    assertThat(limiter.acquire("demo", limit, 51)).get().extracting(RateLimitDenial::retryAfterSeconds).isEqualTo(1L);
    assertThat(limiter.acquire("demo", limit, 50)).isEmpty();
    RateLimitDenial d = limiter.acquire("demo", limit, 300).orElseThrow();
    assertThat(d.retryAfterSeconds()).isEqualTo(30);
    advanceSeconds(29.9);
    assertThat(limiter.acquire("demo", limit, 300)).isPresent();
    advanceSeconds(0.1);
    assertThat(limiter.acquire("demo", limit, 300)).isEmpty();
  }

  @Test
  void refillNeverExceedsOneMinutesAllowance() {
    RateLimit limit = new RateLimit(10, 0);
    advanceSeconds(3600);
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.acquire("demo", limit, 0)).isEmpty();
    }
    assertThat(limiter.acquire("demo", limit, 0)).isPresent();
  }

  @Test
  void requestDeniedOnTokensTakesNoRequestSlot() {
    RateLimit limit = new RateLimit(2, 100);
    assertThat(limiter.acquire("demo", limit, 60)).isEmpty();
    RateLimitDenial tpm = limiter.acquire("demo", limit, 60).orElseThrow();
    assertThat(tpm.kind()).isEqualTo(Kind.TPM);
    assertThat(tpm.used()).isEqualTo(60);
    assertThat(tpm.requested()).isEqualTo(60);
    assertThat(limiter.acquire("demo", limit, 40)).isEmpty();
  }

  @Test
  void requestDeniedOnRequestsTakesNoTokens() {
    RateLimit limit = new RateLimit(60, 6000);
    for (int i = 0; i < 60; i++) {
      assertThat(limiter.acquire("demo", limit, 0)).isEmpty();
    }
    assertThat(limiter.acquire("demo", limit, 3000)).get().extracting(RateLimitDenial::kind).isEqualTo(Kind.RPM);
    advanceSeconds(1);
    assertThat(limiter.acquire("demo", limit, 6000)).isEmpty();
  }

  @Test
  void whenBothLimitsAreReachedTheSlowerToRefillIsReported() {
    RateLimit limit = new RateLimit(2, 600);
    assertThat(limiter.acquire("a", limit, 300)).isEmpty();
    assertThat(limiter.acquire("a", limit, 300)).isEmpty();
    RateLimitDenial tokens = limiter.acquire("a", limit, 600).orElseThrow();
    assertThat(tokens.kind()).isEqualTo(Kind.TPM);
    assertThat(tokens.retryAfterSeconds()).isEqualTo(60);

    RateLimit manyTokens = new RateLimit(2, 6000);
    assertThat(limiter.acquire("b", manyTokens, 100)).isEmpty();
    assertThat(limiter.acquire("b", manyTokens, 100)).isEmpty();
    RateLimitDenial requests = limiter.acquire("b", manyTokens, 5900).orElseThrow();
    assertThat(requests.kind()).isEqualTo(Kind.RPM);
    assertThat(requests.retryAfterSeconds()).isEqualTo(30);
  }

  @Test
  void requestOverTheTpmCapacityCanNeverFit() {
    RateLimit limit = new RateLimit(60, 1000);
    RateLimitDenial d = limiter.acquire("demo", limit, 1001).orElseThrow();
    assertThat(d.kind()).isEqualTo(Kind.TPM);
    assertThat(d.neverFits()).isTrue();
    assertThat(d.message("demo")).startsWith("Request too large for gw key 'demo'").contains("can never fit")
        .contains("limit 1000").contains("requested 1001");
    assertThat(limiter.acquire("demo", limit, 1000)).isEmpty();
  }

  @Test
  void settleGivesBackUnusedTokens() {
    RateLimit limit = new RateLimit(0, 1000);
    assertThat(limiter.acquire("demo", limit, 1000)).isEmpty();
    limiter.settleTokens("demo", limit, 1000, 300);
    assertThat(limiter.acquire("demo", limit, 700)).isEmpty();
    assertThat(limiter.acquire("demo", limit, 1)).isPresent();
  }

  @Test
  void settleChargesExtraTokensAsDebtThatRefillRepays() {
    RateLimit limit = new RateLimit(0, 600);
    assertThat(limiter.acquire("demo", limit, 600)).isEmpty();
    limiter.settleTokens("demo", limit, 600, 900);
    RateLimitDenial d = limiter.acquire("demo", limit, 0).orElseThrow();
    assertThat(d.used()).isEqualTo(900);
    assertThat(d.retryAfterSeconds()).isEqualTo(30);
    advanceSeconds(40);
    assertThat(limiter.acquire("demo", limit, 100)).isEmpty();
    assertThat(limiter.acquire("demo", limit, 1)).isPresent();
  }

  @Test
  void zeroMeansUnlimited() {
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.acquire("demo", new RateLimit(0, 0), 1_000_000)).isEmpty();
    }
    RateLimit onlyTpm = new RateLimit(0, 10);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.acquire("other", onlyTpm, 0)).isEmpty();
    }
  }

  @Test
  void eachKeyHasItsOwnBuckets() {
    RateLimit limit = new RateLimit(1, 0);
    assertThat(limiter.acquire("a", limit, 0)).isEmpty();
    assertThat(limiter.acquire("a", limit, 0)).isPresent();
    assertThat(limiter.acquire("b", limit, 0)).isEmpty();
  }

  @Test
  void concurrentAcquiresNeverAdmitMoreThanTheLimit() throws Exception {
    RateLimit limit = new RateLimit(100, 100 * 7);
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 50; i++) {
            Optional<RateLimitDenial> d = limiter.acquire("demo", limit, 7);
            if (d.isEmpty()) {
              granted.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(granted.get()).isEqualTo(100);
  }
}
