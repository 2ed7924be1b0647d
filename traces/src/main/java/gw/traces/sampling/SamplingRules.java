package gw.traces.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.TraceValidator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which traces each environment keeps (the observability contract). Environments left out of
 * the map keep their {@link #defaults()} rule; an environment the rules do not know is sampled
 * like production, the strictest.
 */
public record SamplingRules(Map<String, EnvironmentRule> environments) {
  public static final double DEFAULT_SLOW_MS = 5000;

  /**
   * @param sampleRate share of ordinary traffic kept, in [0,1]
   * @param slowMs requests slower than this are always kept; infinity turns the rule off
   * @param keepErrors always keep failed requests
   * @param keepGatewayActions always keep requests where a breaker or budget acted
   */
  public record EnvironmentRule(double sampleRate, double slowMs, boolean keepErrors, boolean keepGatewayActions) {
    public EnvironmentRule {
      if (!(sampleRate >= 0 && sampleRate <= 1)) {
        throw new IllegalArgumentException("sampleRate must be in [0,1], got " + sampleRate);
      }
      if (!(slowMs > 0)) {
        throw new IllegalArgumentException("slowMs must be > 0 (infinity disables it), got " + slowMs);
      }
    }

    public static EnvironmentRule keepAll() {
      return new EnvironmentRule(1.0, DEFAULT_SLOW_MS, true, true);
    }
  }

  public SamplingRules {
    Map<String, EnvironmentRule> complete = new LinkedHashMap<>(defaultRules());
    environments.forEach((name, rule) -> {
      if (!TraceValidator.ENVIRONMENTS.contains(name)) {
        throw new IllegalArgumentException("unknown environment \"" + name + "\"; use one of "
            + TraceValidator.ENVIRONMENTS);
      }
      complete.put(name, java.util.Objects.requireNonNull(rule, "rule for " + name));
    });
    environments = Map.copyOf(complete);
  }

  /** dev and staging keep everything; production keeps 10% plus errors, slow requests and gateway actions. */
  public static SamplingRules defaults() {
    return new SamplingRules(Map.of());
  }

  /** Reads {@code {"environments": {"production": {"sample_rate": 0.1, "slow_ms": 5000, ...}}}}. */
  public static SamplingRules fromJson(JsonNode json) {
    return SamplingRulesJson.parse(json);
  }

  public EnvironmentRule forEnvironment(String environment) {
    EnvironmentRule rule = environment == null ? null : environments.get(environment);
    return rule != null ? rule : environments.get("production");
  }

  private static Map<String, EnvironmentRule> defaultRules() {
    return Map.of(
        "dev", EnvironmentRule.keepAll(),
        "staging", EnvironmentRule.keepAll(),
        "production", new EnvironmentRule(0.1, DEFAULT_SLOW_MS, true, true));
  }
}
