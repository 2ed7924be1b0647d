package gw.gateway.policy.budget;

import gw.gateway.config.BudgetsConfig.ScopeKind;
import java.time.Instant;

/** One budget limit in its current period, in USD; {@code remaining} = limit - spent - reserved, at least 0. */
public record BudgetStatus(ScopeKind scope, String name, BudgetPeriod period, Instant periodStart, double limitUsd,
    double spentUsd, double reservedUsd, double remainingUsd) {}
