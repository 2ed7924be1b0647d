package gw.gateway.policy.budget;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Metered;
import gw.gateway.chain.Policy;
import gw.gateway.config.BudgetsConfig;
import gw.gateway.cost.Pricing;
import gw.gateway.policy.limit.RequestEstimator;
import io.vertx.core.Future;

/**
 * Admits a model call only if its worst-case cost (estimated prompt plus max output tokens, priced)
 * fits every budget of its tenant, team and feature; once metered, the real cost replaces the
 * reservation. A model without a price reserves nothing but is still refused by an exhausted budget.
 */
public final class BudgetPolicy implements Policy {
  public static final String ACTION = "budget/reject";

  private final Budgets budgets;
  private final Pricing pricing;
  private final RequestEstimator estimator;

  public BudgetPolicy(BudgetsConfig config, Budgets budgets, Pricing pricing) {
    this.budgets = budgets;
    this.pricing = pricing;
    this.estimator = new RequestEstimator(config.requestCaps());
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    if (!RequestEstimator.limits(exchange.route())) {
      return DONE;
    }
    RequestEstimator.Estimate estimate = estimator.estimate(exchange);
    GatewayFailure overCap = estimator.overCap(exchange, estimate);
    if (overCap != null) {
      return Future.failedFuture(overCap);
    }
    Identity id = exchange.identity();
    BudgetScope scope = new BudgetScope(id.tenant(), id.team(), exchange.context().feature());
    return budgets.reserve(scope, worstCaseUsd(exchange, estimate)).compose(decision -> {
      if (decision instanceof BudgetDenial d) {
        exchange.addAction(ACTION);
        return Future.failedFuture(GatewayFailure.tooManyRequests("budget_exceeded", d.message(), d.retryAfterSeconds()));
      }
      Reservation reservation = (Reservation) decision;
      if (!reservation.isEmpty()) {
        exchange.onMetered(m -> settle(reservation, m));
      }
      return DONE;
    });
  }

  private void settle(Reservation reservation, Metered m) {
    if (m.estimated()) {
      budgets.settle(reservation, reservation.usd());
    } else if (m.failed() && m.totalTokens() == 0) {
      budgets.refund(reservation);
    } else {
      budgets.settle(reservation, m.costUsd());
    }
  }

  private double worstCaseUsd(Exchange exchange, RequestEstimator.Estimate e) {
    Double usd = pricing.costUsd(exchange.modelRequested(), clamp(e.promptTokens()), clamp(e.outputTokens()));
    return usd == null ? 0 : usd;
  }

  private static int clamp(long tokens) {
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }
}
