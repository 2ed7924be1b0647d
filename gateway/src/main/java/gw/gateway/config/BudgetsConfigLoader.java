package gw.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import gw.gateway.config.BudgetsConfig.Budget;
import gw.gateway.config.BudgetsConfig.RateLimit;
import gw.gateway.config.BudgetsConfig.RateLimits;
import gw.gateway.config.BudgetsConfig.RequestCaps;
import gw.gateway.config.BudgetsConfig.ScopeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Turns {@code budgets.json} into a validated {@link BudgetsConfig}. */
public final class BudgetsConfigLoader {
  static final String FILE = "budgets.json";
  private static final Set<String> SCOPES = Set.of("tenant", "team", "feature");
  private static final Set<String> WHEN_REDIS_DOWN = Set.of("closed", "open");
  private static final String UNLIMITED = "use 0 for unlimited";

  /** {@code budgets.json} as written; absent sections and fields take the defaults below. */
  record BudgetsFile(List<BudgetJson> budgets, CapsJson requestCaps, RateLimitsJson rateLimits) {}

  record BudgetJson(String scope, String name, Double dailyUsd, Double monthlyUsd, String whenRedisDown) {}

  record CapsJson(Integer maxInputTokens, Integer maxOutputTokens, Integer defaultOutputTokens) {
    static final CapsJson DEFAULTS = new CapsJson(null, null, null);
  }

  record RateLimitsJson(@JsonProperty("default") LimitJson defaults, Map<String, LimitJson> keys) {}

  record LimitJson(Integer rpm, Integer tpm) {}

  private BudgetsConfigLoader() {}

  public static BudgetsConfig load(ConfigSource source) {
    BudgetsFile file = source.bind(FILE, BudgetsFile.class);
    ConfigFields f = source.fields(FILE);
    return new BudgetsConfig(budgets(f, file.budgets()),
        caps(f, Objects.requireNonNullElse(file.requestCaps(), CapsJson.DEFAULTS)), rateLimits(f, file.rateLimits()));
  }

  private static List<Budget> budgets(ConfigFields f, List<BudgetJson> list) {
    if (list == null) {
      return List.of();
    }
    List<Budget> budgets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      budgets.add(budget(f, list.get(i), "budgets[" + i + "]", seen));
    }
    return List.copyOf(budgets);
  }

  private static Budget budget(ConfigFields f, BudgetJson b, String at, Set<String> seen) {
    if (b == null) {
      throw f.error(at, "must be an object", "write {\"scope\": \"tenant\", \"name\": ..., \"daily_usd\": ...}");
    }
    String scope = f.required(at + ".scope", b.scope());
    f.oneOf(at + ".scope", scope, SCOPES);
    String name = f.required(at + ".name", b.name());
    if (!seen.add(scope + "/" + name)) {
      throw f.error(at, "repeats the budget for " + scope + " '" + name + "'",
          "merge them into one entry with daily_usd and monthly_usd");
    }
    Double daily = f.nonNegativeNumber(at + ".daily_usd", b.dailyUsd());
    Double monthly = f.nonNegativeNumber(at + ".monthly_usd", b.monthlyUsd());
    if (daily == null && monthly == null) {
      throw f.error(at, "has neither daily_usd nor monthly_usd", "set one or both, or remove the entry");
    }
    String whenDown = Objects.requireNonNullElse(b.whenRedisDown(), "closed");
    f.oneOf(at + ".when_redis_down", whenDown, WHEN_REDIS_DOWN);
    return new Budget(ScopeKind.valueOf(scope.toUpperCase(Locale.ROOT)), name, daily, monthly, whenDown.equals("open"));
  }

  private static RequestCaps caps(ConfigFields f, CapsJson c) {
    int maxInput = f.positive("request_caps.max_input_tokens", Objects.requireNonNullElse(c.maxInputTokens(), 128_000));
    int maxOutput = f.positive("request_caps.max_output_tokens", Objects.requireNonNullElse(c.maxOutputTokens(), 16_384));
    int defaultOutput =
        f.positive("request_caps.default_output_tokens", Objects.requireNonNullElse(c.defaultOutputTokens(), 1024));
    if (defaultOutput > maxOutput) {
      throw f.error("request_caps.default_output_tokens", "(" + defaultOutput + ") exceeds max_output_tokens ("
          + maxOutput + ")", "lower it or raise max_output_tokens");
    }
    return new RequestCaps(maxInput, maxOutput, defaultOutput);
  }

  private static RateLimits rateLimits(ConfigFields f, RateLimitsJson r) {
    if (r == null) {
      return new RateLimits(RateLimit.UNLIMITED, Map.of());
    }
    RateLimit defaults = r.defaults() == null ? RateLimit.UNLIMITED : rateLimit(f, r.defaults(), "rate_limits.default");
    Map<String, RateLimit> byKey = new LinkedHashMap<>();
    if (r.keys() != null) {
      r.keys().forEach((key, limit) -> byKey.put(key, rateLimit(f, limit, "rate_limits.keys." + key)));
    }
    return new RateLimits(defaults, Map.copyOf(byKey));
  }

  private static RateLimit rateLimit(ConfigFields f, LimitJson l, String at) {
    if (l == null) {
      throw f.error(at, "must be an object", "write {\"rpm\": 60, \"tpm\": 100000} (0 = unlimited)");
    }
    return new RateLimit(
        f.nonNegative(at + ".rpm", Objects.requireNonNullElse(l.rpm(), 0), UNLIMITED),
        f.nonNegative(at + ".tpm", Objects.requireNonNullElse(l.tpm(), 0), UNLIMITED));
  }
}
