package gw.gateway.policy.budget;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets, spend and rate limits through the real gateway and mock. */
class BudgetsThroughGatewayTest {
  /**
   * gpt-4o-mini with max_tokens 1000 reserves about $0.0006015 (1000 output tokens at $0.60 per 1M,
   * plus ~10 estimated prompt tokens at $0.15 per 1M): 50 fit in $0.0301, 51 do not.
   */
  static final double FITS_50 = 0.0301;
  @TempDir Path dataDir;

  private static GatewayHarness start(Path dir, double dailyUsd, int rpm) {
    return GatewayHarness.start(dir, GatewayHarness.Options.defaults().withConfig("budgets.json", Map.of(
        "/budgets", List.of(Map.of("scope", "tenant", "name", "acme", "daily_usd", dailyUsd)),
        "/rate_limits/keys", Map.of("acme-app", Map.of("rpm", rpm, "tpm", 10_000_000)))));
  }

  private static JsonObject costs(GatewayHarness gw, String query) {
    HttpResponse<Buffer> r = gw.admin("/admin/costs" + query, GatewayHarness.ADMIN_TOKEN);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject dailyBudget(JsonObject report) {
    for (Object b : report.getJsonArray("budgets")) {
      JsonObject budget = (JsonObject) b;
      if ("daily".equals(budget.getString("period"))) {
        return budget;
      }
    }
    throw new AssertionError("no daily budget in " + report);
  }

  @Test
  void twoHundredConcurrentRequestsNeverSpendPastTheBudgetAndStoredSpendEqualsTraceCosts() {
    try (GatewayHarness gw = start(dataDir, FITS_50, 100_000)) {
      // 200 connections, so all 200 requests are in flight together.
      WebClient client = WebClient.create(gw.vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(200));
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        sent.add(client.post(gw.port(), "127.0.0.1", "/v1/chat/completions")
            .putHeader("Authorization", "Bearer " + GatewayHarness.KEY)
            .sendJsonObject(chat("gpt-4o-mini", "refund policy question " + i).put("max_tokens", 1000)));
      }
      int ok = 0;
      int refused = 0;
      for (Future<HttpResponse<Buffer>> f : sent) {
        HttpResponse<Buffer> r = GatewayHarness.await(f);
        if (r.statusCode() == 200) {
          ok++;
        } else {
          assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(429);
          assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("budget_exceeded");
          assertThat(r.getHeader("Retry-After")).isNotNull();
          refused++;
        }
      }
      client.close();
      assertThat(ok).as("at least the 50 that fit at their worst case").isGreaterThanOrEqualTo(50);
      assertThat(refused).as("the budget did refuse some").isPositive();
      gw.flushTraces();

      JsonObject report = costs(gw, "?group_by=tenant");
      double spent = dailyBudget(report).getDouble("spent_usd");
      assertThat(spent).isLessThanOrEqualTo(FITS_50);
      assertThat(dailyBudget(report).getDouble("reserved_usd")).isZero();

      double traceCosts = 0;
      int traces = 0;
      JsonNode page = GatewayHarness.readTree(
          gw.admin("/admin/traces?tenant=acme&status=ok&limit=500", GatewayHarness.ADMIN_TOKEN).bodyAsString());
      for (JsonNode t : page.path("data")) {
        traceCosts += t.path("cost_usd").asDouble();
        traces++;
      }
      assertThat(traces).isEqualTo(ok);
      assertThat(report.getDouble("total_usd")).isCloseTo(traceCosts, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(spent).isCloseTo(traceCosts, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void spendAndTheBudgetItExhaustedSurviveARestart() {
    double tiny = 0.0007; // one worst-case request fits; its blown-up answer then spends past the limit
    try (GatewayHarness gw = start(dataDir, tiny, 100_000)) {
      assertThat(gw.post("/v1/chat/completions", chat("gpt-4o-mini", "one").put("max_tokens", 1000),
          "x-mock-chaos", "token_blowup=40").statusCode()).isEqualTo(200);
      gw.flushTraces();
      assertThat(gw.post("/v1/chat/completions", chat("gpt-4o-mini", "two").put("max_tokens", 1000))
          .statusCode()).isEqualTo(429);
    }
    double before;
    try (GatewayHarness gw = start(dataDir, tiny, 100_000)) {
      before = dailyBudget(costs(gw, "")).getDouble("spent_usd");
      assertThat(before).isPositive();
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "three").put("max_tokens", 1000));
      assertThat(r.statusCode()).as("the restored spend still counts").isEqualTo(429);
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("budget/reject");
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("acme");
    }
  }

  @Test
  void costsAreReportedByTagForChargeback() {
    try (GatewayHarness gw = start(dataDir, 100, 100_000)) {
      for (String project : List.of("alpha", "alpha", "beta")) {
        gw.post("/v1/chat/completions", chat("gpt-4o-mini", "hello").put("gateway",
            new JsonObject().put("tags", new JsonArray().add("project:" + project))));
      }
      gw.flushTraces();
      JsonArray rows = costs(gw, "?group_by=tag:project").getJsonArray("data");
      assertThat(rows).hasSize(2);
      JsonObject first = rows.getJsonObject(0);
      assertThat(first.getString("key")).isEqualTo("alpha");
      assertThat(first.getLong("requests")).isEqualTo(2);
      assertThat(first.getDouble("cost_usd")).isPositive();
      assertThat(gw.admin("/admin/costs?group_by=nonsense", GatewayHarness.ADMIN_TOKEN).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void requestsOverTheKeysRpmGet429WithRetryAfter() {
    try (GatewayHarness gw = start(dataDir, 100, 3)) {
      for (int i = 0; i < 3; i++) {
        assertThat(gw.post("/v1/chat/completions", chat("gpt-4o-mini", "q" + i)).statusCode()).isEqualTo(200);
      }
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "one too many"));
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("rate_limit_rpm");
      assertThat(r.getHeader("Retry-After")).isEqualTo("20");
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("rate_limit/reject_rpm");
    }
  }
}
