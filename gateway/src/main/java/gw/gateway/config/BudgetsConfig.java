package gw.gateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Spend budgets, per-request token caps and per-key rate limits, validated by {@link BudgetsConfigLoader}. */
public record BudgetsConfig(List<Budget> budgets, RequestCaps requestCaps, RateLimits rateLimits) {

  /** Who a budget belongs to; matched by exact name against the caller's tenant, team or feature. */
  public enum ScopeKind {
    TENANT, TEAM, FEATURE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * USD limits for one scope; a null limit means that period is not limited. {@code openWhenRedisDown}:
   * while the shared Redis is unreachable each instance admits from its own copy (it may overspend
   * by up to the instance count), instead of refusing what counts against this budget (the default).
   */
  public record Budget(ScopeKind scope, String name, Double dailyUsd, Double monthlyUsd, boolean openWhenRedisDown) {
    public Budget(ScopeKind scope, String name, Double dailyUsd, Double monthlyUsd) {
      this(scope, name, dailyUsd, monthlyUsd, false);
    }
  }

  /** Per-request ceilings, and the output assumed when a request does not set its own. */
  public record RequestCaps(int maxInputTokens, int maxOutputTokens, int defaultOutputTokens) {}

  /** Requests and tokens per minute; 0 means unlimited. */
  public record RateLimit(int rpm, int tpm) {
    public static final RateLimit UNLIMITED = new RateLimit(0, 0);
  }

  /** Limits per gateway key name, and the default for keys not listed. */
  public record RateLimits(RateLimit defaults, Map<String, RateLimit> byKey) {
    public RateLimit forKey(String keyName) {
      return byKey.getOrDefault(keyName, defaults);
    }
  }
}
