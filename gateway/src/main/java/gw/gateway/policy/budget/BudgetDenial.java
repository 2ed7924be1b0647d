package gw.gateway.policy.budget;

import gw.gateway.config.BudgetsConfig.ScopeKind;
import java.time.Instant;

/**
 * The budget that refused a request (when several do, the one that resets last), with amounts in
 * USD. {@code neverFits}: the request's worst case alone is over the limit, so waiting cannot help.
 */
public record BudgetDenial(ScopeKind scope, String name, BudgetPeriod period, double limitUsd, double spentUsd,
    double reservedUsd, double requestedUsd, Instant resetsAt, long retryAfterSeconds, boolean neverFits,
    String message) implements BudgetDecision {}
