package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.policy.budget.BudgetLedger;
import gw.gateway.policy.budget.BudgetStatus;
import gw.gateway.policy.budget.SpendBook;
import gw.gateway.state.SpendQuery;
import gw.gateway.state.SpendRow;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /admin/costs?from=YYYY-MM-DD&to=YYYY-MM-DD&group_by=tenant|team|feature|model|day|tag:<key>&tenant=}:
 * spend for chargeback (default: this UTC month by tenant) and every budget's current period. A
 * tenant-scoped token sees its own tenant only.
 */
final class CostsApi {
  private final SpendBook book;
  private final BudgetLedger ledger;
  private final Clock clock;

  CostsApi(SpendBook book, BudgetLedger ledger, Clock clock) {
    this.book = book;
    this.ledger = ledger;
    this.clock = clock;
  }

  void report(RoutingContext ctx) {
    AdminToken caller = AdminAuth.caller(ctx);
    SpendQuery query;
    try {
      query = query(ctx.queryParams(), caller, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    } catch (IllegalArgumentException e) {
      AdminResponses.error(ctx, 400, "invalid_query", e.getMessage());
      return;
    }
    book.report(query).onComplete(ar -> {
      if (ar.failed()) {
        AdminResponses.error(ctx, 500, "cost_report_failed", "Cost report failed: " + ar.cause().getMessage());
        return;
      }
      JsonArray data = new JsonArray();
      double total = 0;
      for (SpendRow r : ar.result()) {
        total += r.costUsd();
        data.add(new JsonObject().put("key", r.key()).put("cost_usd", r.costUsd())
            .put("prompt_tokens", r.promptTokens()).put("completion_tokens", r.completionTokens())
            .put("requests", r.requests()));
      }
      JsonArray budgets = new JsonArray();
      for (BudgetStatus b : ledger.status()) {
        if (caller.tenant() == null || caller.tenant().equals(b.name())) {
          budgets.add(new JsonObject().put("scope", b.scope().wireName()).put("name", b.name())
              .put("period", b.period().wireName()).put("period_start", b.periodStart().toString())
              .put("limit_usd", b.limitUsd()).put("spent_usd", b.spentUsd()).put("reserved_usd", b.reservedUsd())
              .put("remaining_usd", b.remainingUsd()));
        }
      }
      AdminResponses.json(ctx, 200, new JsonObject().put("object", "cost_report")
          .put("from", String.valueOf(query.from())).put("to", String.valueOf(query.to()))
          .put("group_by", query.dimension()).put("tenant", query.tenant())
          .put("total_usd", total).put("data", data).put("budgets", budgets).toBuffer());
    });
  }

  static SpendQuery query(MultiMap q, AdminToken caller, LocalDate today) {
    LocalDate from = day(q, "from", today.withDayOfMonth(1));
    LocalDate to = day(q, "to", today);
    String tenant = AdminAuth.tenantFilter(caller, q.get("tenant"));
    String groupBy = q.get("group_by") == null ? "tenant" : q.get("group_by");
    return new SpendQuery(from, to, groupBy, tenant);
  }

  private static LocalDate day(MultiMap q, String name, LocalDate fallback) {
    String v = q.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a date like 2026-01-31, got '" + v + "'");
    }
  }
}
