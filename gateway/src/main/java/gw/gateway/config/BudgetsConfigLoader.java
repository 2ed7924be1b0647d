package gw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.BudgetsConfig.Budget;
import gw.gateway.config.BudgetsConfig.RateLimit;
import gw.gateway.config.BudgetsConfig.RateLimits;
import gw.gateway.config.BudgetsConfig.RequestCaps;
import gw.gateway.config.BudgetsConfig.ScopeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns {@code budgets.json} into a validated {@link BudgetsConfig}. */
public final class BudgetsConfigLoader {
  static final String FILE = "budgets.json";
  private static final Set<String> TOP = Set.of("budgets", "request_caps", "rate_limits");
  private static final Set<String> BUDGET_FIELDS = Set.of("scope", "name", "daily_usd", "monthly_usd");
  private static final Set<String> CAP_FIELDS = Set.of("max_input_tokens", "max_output_tokens", "default_output_tokens");
  private static final Set<String> LIMIT_FIELDS = Set.of("rpm", "tpm");
  private static final Set<String> RATE_LIMITS_FIELDS = Set.of("default", "keys");
  private static final Set<String> SCOPES = Set.of("tenant", "team", "feature");

  private BudgetsConfigLoader() {}

  public static BudgetsConfig load(ConfigSource source) {
    JsonNode root = source.read(FILE);
    ConfigFields f = new ConfigFields(source.describe(FILE));
    if (root == null || !root.isObject()) {
      throw f.error("the top level", "must be a JSON object", "start from the project's config/budgets.json");
    }
    f.onlyKnown(root, "", TOP);
    return new BudgetsConfig(budgets(f, root.path("budgets")), caps(f, root.path("request_caps")),
        rateLimits(f, root.path("rate_limits")));
  }

  private static List<Budget> budgets(ConfigFields f, JsonNode list) {
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw f.error("budgets", "must be an array", "write [ {\"scope\": \"tenant\", \"name\": ..., \"daily_usd\": ...} ]");
    }
    List<Budget> budgets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode b : list) {
      String at = "budgets[" + i++ + "]";
      budgets.add(budget(f, b, at, seen));
    }
    return List.copyOf(budgets);
  }

  private static Budget budget(ConfigFields f, JsonNode b, String at, Set<String> seen) {
    if (!b.isObject()) {
      throw f.error(at, "must be an object", "write {\"scope\": \"tenant\", \"name\": ..., \"daily_usd\": ...}");
    }
    f.onlyKnown(b, at, BUDGET_FIELDS);
    String scope = f.required(b, at + ".scope");
    f.oneOf(at + ".scope", scope, SCOPES);
    String name = f.required(b, at + ".name");
    if (!seen.add(scope + "/" + name)) {
      throw f.error(at, "repeats the budget for " + scope + " '" + name + "'",
          "merge them into one entry with daily_usd and monthly_usd");
    }
    Double daily = f.nonNegativeNumber(b, at + ".daily_usd");
    Double monthly = f.nonNegativeNumber(b, at + ".monthly_usd");
    if (daily == null && monthly == null) {
      throw f.error(at, "has neither daily_usd nor monthly_usd", "set one or both, or remove the entry");
    }
    return new Budget(ScopeKind.valueOf(scope.toUpperCase(Locale.ROOT)), name, daily, monthly);
  }

  private static RequestCaps caps(ConfigFields f, JsonNode c) {
    objectOrAbsent(f, c, "request_caps", "{\"max_input_tokens\": 128000, \"max_output_tokens\": 16384, ...}");
    f.onlyKnown(c, "request_caps", CAP_FIELDS);
    int maxInput = f.positive("request_caps.max_input_tokens", f.integer(c, "request_caps.max_input_tokens", 128_000));
    int maxOutput = f.positive("request_caps.max_output_tokens", f.integer(c, "request_caps.max_output_tokens", 16_384));
    int defaultOutput =
        f.positive("request_caps.default_output_tokens", f.integer(c, "request_caps.default_output_tokens", 1024));
    if (defaultOutput > maxOutput) {
      throw f.error("request_caps.default_output_tokens", "(" + defaultOutput + ") exceeds max_output_tokens ("
          + maxOutput + ")", "lower it or raise max_output_tokens");
    }
    return new RequestCaps(maxInput, maxOutput, defaultOutput);
  }

  private static RateLimits rateLimits(ConfigFields f, JsonNode r) {
    objectOrAbsent(f, r, "rate_limits", "{\"default\": {\"rpm\": 600, \"tpm\": 1000000}, \"keys\": {...}}");
    f.onlyKnown(r, "rate_limits", RATE_LIMITS_FIELDS);
    RateLimit defaults = r.has("default") ? rateLimit(f, r.get("default"), "rate_limits.default") : RateLimit.UNLIMITED;
    Map<String, RateLimit> byKey = new LinkedHashMap<>();
    JsonNode keys = r.path("keys");
    objectOrAbsent(f, keys, "rate_limits.keys", "{\"<gateway key name>\": {\"rpm\": 60, \"tpm\": 100000}}");
    for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      byKey.put(e.getKey(), rateLimit(f, e.getValue(), "rate_limits.keys." + e.getKey()));
    }
    return new RateLimits(defaults, Map.copyOf(byKey));
  }

  private static RateLimit rateLimit(ConfigFields f, JsonNode l, String at) {
    objectOrAbsent(f, l, at, "{\"rpm\": 60, \"tpm\": 100000} (0 = unlimited)");
    f.onlyKnown(l, at, LIMIT_FIELDS);
    String unlimited = "use 0 for unlimited";
    return new RateLimit(
        f.nonNegative(at + ".rpm", f.integer(l, at + ".rpm", 0), unlimited),
        f.nonNegative(at + ".tpm", f.integer(l, at + ".tpm", 0), unlimited));
  }

  private static void objectOrAbsent(ConfigFields f, JsonNode node, String field, String example) {
    if (!node.isMissingNode() && !node.isObject()) {
      throw f.error(field, "must be an object", "write " + example);
    }
  }
}
