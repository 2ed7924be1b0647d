package gw.gateway.policy.budget;

import gw.gateway.config.BudgetsConfig.ScopeKind;

/** Whom a request's spend counts against; {@code feature} is null when the app sent none. */
public record BudgetScope(String tenant, String team, String feature) {
  String name(ScopeKind kind) {
    return switch (kind) {
      case TENANT -> tenant;
      case TEAM -> team;
      case FEATURE -> feature;
    };
  }
}
