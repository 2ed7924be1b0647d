package gw.gateway.policy.limit;

import static gw.gateway.testing.FakeExchanges.chat;
import static gw.gateway.testing.FakeExchanges.exchange;
import static gw.gateway.testing.FakeExchanges.meter;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Metered;
import gw.gateway.chain.Route;
import gw.gateway.config.BudgetsConfig;
import gw.gateway.config.BudgetsConfig.RateLimit;
import gw.gateway.config.BudgetsConfig.RateLimits;
import gw.gateway.config.BudgetsConfig.RequestCaps;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {
  private static final Identity DEMO = new Identity("demo", "demo", "default", "pro");
  private static final Identity OTHER = new Identity("other", "acme", "search", "free");
  /** 100 characters of user text: 34 + 4 = 38 prompt tokens. */
  private static final String HUNDRED_CHARS = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":62,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(100) + "\"}]}";

  private final AtomicLong nanos = new AtomicLong();
  private final BudgetsConfig config = new BudgetsConfig(List.of(), new RequestCaps(10_000, 1000, 100),
      new RateLimits(new RateLimit(1, 0), Map.of("demo", new RateLimit(3, 250))));
  private final RateLimitPolicy policy = new RateLimitPolicy(config, Limiter.local(new RateLimiter(nanos::get)));

  private static GatewayFailure failure(Future<Void> f) {
    assertThat(f.failed()).as("request was admitted").isTrue();
    return (GatewayFailure) f.cause();
  }

  @Test
  void requestsOverRpmAre429WithTheLimitUsageAndRetryAfter() {
    for (int i = 0; i < 3; i++) {
      assertThat(policy.onRequest(chat(DEMO, "{\"max_tokens\":1}")).succeeded()).isTrue();
    }
    Exchange denied = chat(DEMO, "{\"max_tokens\":1}");
    GatewayFailure f = failure(policy.onRequest(denied));
    assertThat(f.status()).isEqualTo(429);
    assertThat(f.type()).isEqualTo("rate_limit_error");
    assertThat(f.code()).isEqualTo("rate_limit_rpm");
    assertThat(f.retryAfterSeconds()).isEqualTo(20);
    assertThat(f.getMessage()).isEqualTo(
        "Rate limit reached for gw key 'demo' on requests per minute (RPM): limit 3, used 3. Try again in 20s.");
    assertThat(denied.actions()).containsExactly(RateLimitPolicy.RPM_ACTION);
  }

  @Test
  void tokensOverTpmAre429NamingTpm() {
    assertThat(policy.onRequest(chat(DEMO, HUNDRED_CHARS)).succeeded()).isTrue();
    assertThat(policy.onRequest(chat(DEMO, HUNDRED_CHARS)).succeeded()).isTrue();
    Exchange denied = chat(DEMO, HUNDRED_CHARS);
    GatewayFailure f = failure(policy.onRequest(denied));
    assertThat(f.code()).isEqualTo("rate_limit_tpm");
    assertThat(f.getMessage()).contains("tokens per minute (TPM): limit 250, used 200, requested 100");
    assertThat(f.retryAfterSeconds()).isEqualTo(12);
    assertThat(denied.actions()).containsExactly(RateLimitPolicy.TPM_ACTION);
  }

  @Test
  void keysWithoutTheirOwnLimitUseTheDefault() {
    assertThat(policy.onRequest(chat(OTHER, "{}")).succeeded()).isTrue();
    GatewayFailure f = failure(policy.onRequest(chat(OTHER, "{}")));
    assertThat(f.getMessage()).contains("gw key 'other'").contains("limit 1,");
  }

  @Test
  void meteredUsageGivesBackTheUnusedTokenReservation() {
    Exchange first = chat(DEMO, HUNDRED_CHARS);
    assertThat(policy.onRequest(first).succeeded()).isTrue();
    meter(first, new Metered(false, 20, 10, 0.0));
    assertThat(policy.onRequest(chat(DEMO, HUNDRED_CHARS)).succeeded()).isTrue();
    assertThat(policy.onRequest(chat(DEMO, "{\"max_tokens\":100}")).succeeded()).as("30 + 100 + 100 <= 250").isTrue();
  }

  @Test
  void failedRequestWithoutTokensRefundsItsTokens() {
    Exchange failed = chat(DEMO, HUNDRED_CHARS);
    assertThat(policy.onRequest(failed).succeeded()).isTrue();
    assertThat(policy.onRequest(chat(DEMO, HUNDRED_CHARS)).succeeded()).isTrue();
    meter(failed, new Metered(true, 0, 0, 0.0));
    assertThat(policy.onRequest(chat(DEMO, HUNDRED_CHARS)).succeeded()).isTrue();
  }

  @Test
  void requestTooLargeForTheTpmLimitSaysItCanNeverFit() {
    GatewayFailure f = failure(policy.onRequest(chat(DEMO, "{\"max_tokens\":251}")));
    assertThat(f.code()).isEqualTo("rate_limit_tpm");
    assertThat(f.getMessage()).startsWith("Request too large").contains("can never fit");
  }

  @Test
  void requestOverAPerRequestCapIs400() {
    GatewayFailure f = failure(policy.onRequest(chat(DEMO, "{\"max_tokens\":1001}")));
    assertThat(f.status()).isEqualTo(400);
    assertThat(f.code()).isEqualTo("request_token_cap");
  }

  @Test
  void embeddingsAreLimitedToo() {
    assertThat(policy.onRequest(exchange(Route.EMBEDDINGS, OTHER, "{\"input\":\"a\"}")).succeeded()).isTrue();
    assertThat(policy.onRequest(exchange(Route.EMBEDDINGS, OTHER, "{\"input\":\"a\"}")).failed()).isTrue();
  }

  @Test
  void modelListIsNotLimited() {
    for (int i = 0; i < 5; i++) {
      Exchange models = exchange(Route.MODELS, OTHER, null);
      assertThat(policy.onRequest(models).succeeded()).isTrue();
      assertThat(models.settlements()).isEmpty();
    }
  }
}
