package gw.gateway.policy.budget;

import static gw.gateway.testing.FakeExchanges.chat;
import static gw.gateway.testing.FakeExchanges.exchange;
import static gw.gateway.testing.FakeExchanges.meter;
import static gw.gateway.testing.FakeExchanges.withFeature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Metered;
import gw.gateway.chain.Route;
import gw.gateway.config.BudgetsConfig;
import gw.gateway.config.BudgetsConfig.Budget;
import gw.gateway.config.BudgetsConfig.RateLimit;
import gw.gateway.config.BudgetsConfig.RateLimits;
import gw.gateway.config.BudgetsConfig.RequestCaps;
import gw.gateway.config.BudgetsConfig.ScopeKind;
import gw.gateway.cost.Pricing;
import gw.gateway.testing.MutableClock;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetPolicyTest {
  private static final Identity DEMO = new Identity("demo", "demo", "default", "pro");
  private static final Identity SEARCH = new Identity("search-app", "acme", "search", "pro");
  /** 38 prompt tokens at $0.01 and 62 output tokens at $0.02: a worst case of $1.62. */
  private static final String REQUEST = "{\"model\":\"big\",\"max_tokens\":62,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(100) + "\"}]}";
  private static final double WORST_CASE = 1.62;

  private final MutableClock clock = MutableClock.at("2026-03-15T20:00:00Z");
  private final BudgetsConfig config = new BudgetsConfig(List.of(
      new Budget(ScopeKind.TENANT, "demo", 2.0, 100.0),
      new Budget(ScopeKind.TEAM, "search", 1.0, null),
      new Budget(ScopeKind.FEATURE, "summarise", 1.0, null)),
      new RequestCaps(10_000, 1000, 100), new RateLimits(RateLimit.UNLIMITED, Map.of()));
  private final BudgetLedger ledger = new BudgetLedger(config.budgets(), clock);
  private final Pricing pricing = new Pricing(Map.of("big", new Pricing.Price(10_000, 20_000)));
  private final BudgetPolicy policy = new BudgetPolicy(config, Budgets.local(ledger), pricing);

  private BudgetStatus demoDaily() {
    return ledger.status().get(0);
  }

  private static GatewayFailure failure(Future<Void> f) {
    assertThat(f.failed()).as("request was admitted").isTrue();
    return (GatewayFailure) f.cause();
  }

  @Test
  void reservesTheRequestsPricedWorstCase() {
    assertThat(policy.onRequest(chat(DEMO, REQUEST)).succeeded()).isTrue();
    assertThat(demoDaily().reservedUsd()).isCloseTo(WORST_CASE, within(1e-9));
    assertThat(ledger.status().get(1).reservedUsd()).as("monthly too").isCloseTo(WORST_CASE, within(1e-9));
  }

  @Test
  void requestOverTheBudgetIs429BudgetExceededWithRetryAfterUntilTheReset() {
    assertThat(policy.onRequest(chat(DEMO, REQUEST)).succeeded()).isTrue();
    Exchange denied = chat(DEMO, REQUEST);
    GatewayFailure f = failure(policy.onRequest(denied));
    assertThat(f.status()).isEqualTo(429);
    assertThat(f.type()).isEqualTo("rate_limit_error");
    assertThat(f.code()).isEqualTo("budget_exceeded");
    assertThat(f.retryAfterSeconds()).isEqualTo(4 * 3600);
    assertThat(f.getMessage()).contains("tenant 'demo' daily budget").contains("limit $2.00").contains("spent $0.00")
        .contains("in flight $1.62").contains("resets at 2026-03-16T00:00:00Z");
    assertThat(denied.actions()).containsExactly(BudgetPolicy.ACTION);
    assertThat(denied.settlements()).isEmpty();
  }

  @Test
  void meteredCostReplacesTheReservation() {
    Exchange ex = chat(DEMO, REQUEST);
    assertThat(policy.onRequest(ex).succeeded()).isTrue();
    meter(ex, new Metered(false, 30, 10, 0.5));
    assertThat(demoDaily().reservedUsd()).isZero();
    assertThat(demoDaily().spentUsd()).isEqualTo(0.5);
    meter(ex, new Metered(false, 30, 10, 0.5));
    assertThat(demoDaily().spentUsd()).as("metered twice, counted once").isEqualTo(0.5);
  }

  @Test
  void failedRequestWithoutTokensIsRefunded() {
    Exchange ex = chat(DEMO, REQUEST);
    assertThat(policy.onRequest(ex).succeeded()).isTrue();
    meter(ex, new Metered(true, 0, 0, 0.0));
    assertThat(demoDaily().reservedUsd()).isZero();
    assertThat(demoDaily().spentUsd()).isZero();
    assertThat(policy.onRequest(chat(DEMO, REQUEST)).succeeded()).isTrue();
  }

  @Test
  void failedRequestThatUsedTokensStillPaysForThem() {
    Exchange ex = chat(DEMO, REQUEST);
    assertThat(policy.onRequest(ex).succeeded()).isTrue();
    meter(ex, new Metered(true, 38, 20, 0.78));
    assertThat(demoDaily().spentUsd()).isEqualTo(0.78);
  }

  @Test
  void unpricedModelReservesNothingButAnExhaustedBudgetStillRefusesIt() {
    String unpriced = REQUEST.replace("\"big\"", "\"in-house-llm\"");
    assertThat(policy.onRequest(chat(DEMO, unpriced)).succeeded()).isTrue();
    assertThat(demoDaily().reservedUsd()).isZero();
    ledger.restore(ScopeKind.TENANT, "demo", BudgetPeriod.DAILY, 2.0);
    assertThat(failure(policy.onRequest(chat(DEMO, unpriced))).code()).isEqualTo("budget_exceeded");
  }

  @Test
  void teamAndFeatureBudgetsFollowTheCaller() {
    GatewayFailure team = failure(policy.onRequest(chat(SEARCH, REQUEST)));
    assertThat(team.getMessage()).contains("team 'search' daily budget").contains("Request too large");
    String cheap = REQUEST.replace("\"max_tokens\":62", "\"max_tokens\":1");
    assertThat(policy.onRequest(chat(SEARCH, cheap)).succeeded()).isTrue();
    GatewayFailure feature = failure(policy.onRequest(withFeature(chat(DEMO, REQUEST), "summarise")));
    assertThat(feature.getMessage()).contains("feature 'summarise'");
  }

  @Test
  void callersWithoutABudgetPassAndRegisterNothing() {
    Exchange ex = chat(new Identity("k", "acme", "default", "free"), REQUEST);
    assertThat(policy.onRequest(ex).succeeded()).isTrue();
    assertThat(ex.settlements()).isEmpty();
  }

  @Test
  void embeddingsAreBudgetedOnTheirInput() {
    Exchange ex = exchange(Route.EMBEDDINGS, DEMO, "{\"model\":\"big\",\"input\":\"" + "x".repeat(300) + "\"}");
    assertThat(policy.onRequest(ex).succeeded()).isTrue();
    assertThat(demoDaily().reservedUsd()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void requestOverAPerRequestCapIs400() {
    GatewayFailure f = failure(policy.onRequest(chat(DEMO, "{\"model\":\"big\",\"max_tokens\":5000}")));
    assertThat(f.status()).isEqualTo(400);
    assertThat(f.code()).isEqualTo("request_token_cap");
  }

  @Test
  void modelListIsNotBudgeted() {
    ledger.restore(ScopeKind.TENANT, "demo", BudgetPeriod.DAILY, 2.0);
    assertThat(policy.onRequest(exchange(Route.MODELS, DEMO, null)).succeeded()).isTrue();
  }
}
