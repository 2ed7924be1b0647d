package gw.gateway.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.GatewayFailure;
import gw.gateway.config.BudgetsConfig.Budget;
import gw.gateway.config.BudgetsConfig.ScopeKind;
import gw.gateway.shared.RedisLink;
import gw.gateway.testing.Eventually;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.MutableClock;
import gw.gateway.testing.RedisLinks;
import gw.gateway.testing.RedisServer;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Budgets held in a real Redis by two gateway instances (two ledgers, two connections). */
class RedisBudgetsTest {
  @RegisterExtension static final RedisServer server = new RedisServer();
  private static final BudgetScope ACME = new BudgetScope("acme", "search", null);
  private static final BudgetScope BETA = new BudgetScope("beta", "labs", null);
  private static final List<Budget> BUDGETS = List.of(
      new Budget(ScopeKind.TENANT, "acme", 1.0, 30.0), // closed when Redis is down (the default)
      new Budget(ScopeKind.TENANT, "beta", 1.0, null, true));

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

  private final java.util.Map<RedisBudgets, BudgetLedger> mirrors = new java.util.HashMap<>();
  private final java.util.Map<RedisBudgets, RedisLink> connections = new java.util.HashMap<>();

  private RedisBudgets instance(String name) {
    BudgetLedger ledger = new BudgetLedger(BUDGETS, clock);
    RedisLink link = links.open();
    RedisBudgets b = new RedisBudgets(ledger, link, clock, name);
    mirrors.put(b, ledger);
    connections.put(b, link);
    GatewayHarness.await(b.resync());
    return b;
  }

  /** What the instance's mirror says after a refresh from Redis. */
  private BudgetStatus daily(RedisBudgets budgets, String tenant) {
    GatewayHarness.await(budgets.refresh());
    return mirrors.get(budgets).status().stream()
        .filter(s -> s.name().equals(tenant) && s.period() == BudgetPeriod.DAILY).findFirst().orElseThrow();
  }

  @Test
  void twoInstancesReservingAtOnceHoldExactlyWhatFitsAndSettleTheRealCost() throws Exception {
    RedisBudgets a = instance("a");
    RedisBudgets b = instance("b");
    List<Future<BudgetDecision>> asked = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      asked.add((i % 2 == 0 ? a : b).reserve(ACME, 0.03));
    }
    List<Reservation> held = new ArrayList<>();
    List<BudgetDenial> refused = new ArrayList<>();
    for (int i = 0; i < asked.size(); i++) {
      BudgetDecision d = GatewayHarness.await(asked.get(i));
      if (d instanceof Reservation r) {
        held.add(r);
      } else {
        refused.add((BudgetDenial) d);
      }
    }
    assertThat(held).as("$1.00 holds 33 reservations of $0.03, on both instances together").hasSize(33);
    assertThat(refused).hasSize(67).allSatisfy(d -> assertThat(d.name()).isEqualTo("acme"));
    assertThat(daily(a, "acme").reservedUsd()).isCloseTo(0.99, org.assertj.core.data.Offset.offset(1e-9));

    for (int i = 0; i < held.size(); i++) {
      (i % 2 == 0 ? a : b).settle(held.get(i), 0.01);
    }
    Eventually.until("settlements reach Redis", Duration.ofSeconds(10),
        () -> Math.abs(daily(b, "acme").spentUsd() - 0.33) < 1e-9);
    assertThat(daily(b, "acme").reservedUsd()).isZero();
    assertThat(GatewayHarness.await(a.reserve(ACME, 0.6))).as("0.33 spent + 0.6 fits in 1.00").isInstanceOf(Reservation.class);
  }

  @Test
  void aHoldLeftByACrashedInstanceFreesItselfOnceItExpires() {
    RedisBudgets crashed = instance("crashed");
    RedisBudgets survivor = instance("survivor");
    assertThat(GatewayHarness.await(crashed.reserve(ACME, 0.9))).isInstanceOf(Reservation.class);
    assertThat(GatewayHarness.await(survivor.reserve(ACME, 0.2))).isInstanceOf(BudgetDenial.class);

    clock.advance(Duration.ofMillis(RedisBudgets.HOLD_TTL_MS + 1_000));
    assertThat(GatewayHarness.await(survivor.reserve(ACME, 0.2))).isInstanceOf(Reservation.class);
    assertThat(daily(survivor, "acme").reservedUsd()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void whileRedisIsDownAClosedBudgetRefusesAnOpenOneAdmitsLocallyAndItsSpendReachesRedisOnReturn() throws Exception {
    RedisBudgets a = instance("a");
    Reservation before = (Reservation) GatewayHarness.await(a.reserve(BETA, 0.1));
    a.settle(before, 0.1);
    Eventually.until("the first spend reaches Redis", Duration.ofSeconds(10),
        () -> Math.abs(daily(a, "beta").spentUsd() - 0.1) < 1e-9);

    server.kill();
    Future<BudgetDecision> refusedWhileDown = a.reserve(ACME, 0.1);
    Throwable failure = refusedWhileDown.transform(ar -> Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(GatewayFailure.class);
    assertThat(((GatewayFailure) failure).status()).isEqualTo(503);
    assertThat(((GatewayFailure) failure).code()).isEqualTo("budget_unavailable");

    BudgetDecision local = GatewayHarness.await(a.reserve(BETA, 0.5));
    assertThat(local).as("an open budget admits from the local mirror").isInstanceOf(Reservation.class);
    a.settle((Reservation) local, 0.5);
    assertThat(GatewayHarness.await(a.reserve(BETA, 0.5))).as("0.1 + 0.5 spent: 0.5 more does not fit")
        .isInstanceOf(BudgetDenial.class);

    CompletableFuture<Void> back = new CompletableFuture<>();
    connections.get(a).dependency().onReturn(() -> back.complete(null));
    server.start(); // empty: it kept nothing
    back.get(10, TimeUnit.SECONDS);
    Eventually.until("the spend known to instance a is in the restarted Redis", Duration.ofSeconds(10),
        () -> Math.abs(daily(a, "beta").spentUsd() - 0.6) < 1e-9);
    RedisBudgets b = instance("b");
    assertThat(daily(b, "beta").spentUsd()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(GatewayHarness.await(b.reserve(BETA, 0.5))).isInstanceOf(BudgetDenial.class);
  }
}
