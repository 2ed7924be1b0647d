package gw.traces.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.TraceValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses sampling rules from JSON, reporting every bad value with its path and the fix. */
final class SamplingRulesJson {
  private static final String SAMPLE_RATE = "sample_rate";
  private static final String SLOW_MS = "slow_ms";
  private static final String KEEP_ERRORS = "keep_errors";
  private static final String KEEP_GATEWAY_ACTIONS = "keep_gateway_actions";
  private static final Set<String> SETTINGS = Set.of(SAMPLE_RATE, SLOW_MS, KEEP_ERRORS, KEEP_GATEWAY_ACTIONS);
  private static final String EXAMPLE =
      "{\"environments\": {\"production\": {\"sample_rate\": 0.1, \"slow_ms\": 5000, \"keep_errors\": true}}}";

  private final List<String> problems = new ArrayList<>();

  private SamplingRulesJson() {}

  static SamplingRules parse(JsonNode json) {
    SamplingRulesJson parser = new SamplingRulesJson();
    Map<String, SamplingRules.EnvironmentRule> rules = parser.environments(json);
    if (!parser.problems.isEmpty()) {
      throw new IllegalArgumentException("invalid sampling rules: " + String.join("; ", parser.problems));
    }
    return new SamplingRules(rules);
  }

  private Map<String, SamplingRules.EnvironmentRule> environments(JsonNode json) {
    Map<String, SamplingRules.EnvironmentRule> rules = new HashMap<>();
    JsonNode environments = json == null ? null : json.get("environments");
    if (environments == null || !environments.isObject()) {
      problems.add("expected an object with an \"environments\" object, e.g. " + EXAMPLE);
      return rules;
    }
    for (Map.Entry<String, JsonNode> entry : environments.properties()) {
      String path = "environments." + entry.getKey();
      if (!TraceValidator.ENVIRONMENTS.contains(entry.getKey())) {
        problems.add(path + " is not an environment; use one of " + TraceValidator.ENVIRONMENTS);
      } else if (!entry.getValue().isObject()) {
        problems.add(path + " must be an object like {\"sample_rate\": 0.1, \"slow_ms\": 5000}");
      } else {
        SamplingRules.EnvironmentRule rule = rule(path, entry.getValue());
        if (rule != null) {
          rules.put(entry.getKey(), rule);
        }
      }
    }
    return rules;
  }

  private SamplingRules.EnvironmentRule rule(String path, JsonNode node) {
    int before = problems.size();
    node.fieldNames().forEachRemaining(name -> {
      if (!SETTINGS.contains(name)) {
        problems.add(path + "." + name + " is not a known setting; use sample_rate, slow_ms, keep_errors"
            + " or keep_gateway_actions");
      }
    });
    double rate = sampleRate(path + "." + SAMPLE_RATE, node.get(SAMPLE_RATE));
    double slowMs = slowMs(path + "." + SLOW_MS, node.get(SLOW_MS));
    boolean keepErrors = flag(path + "." + KEEP_ERRORS, node.get(KEEP_ERRORS));
    boolean keepActions = flag(path + "." + KEEP_GATEWAY_ACTIONS, node.get(KEEP_GATEWAY_ACTIONS));
    return problems.size() > before ? null : new SamplingRules.EnvironmentRule(rate, slowMs, keepErrors, keepActions);
  }

  private double sampleRate(String path, JsonNode value) {
    if (value == null) {
      problems.add(path + " is required: a number in [0,1], e.g. 0.1 to keep 10%");
      return 0;
    }
    if (!value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
      problems.add(path + " must be a number in [0,1] (0.1 keeps 10%), got " + value);
      return 0;
    }
    return value.doubleValue();
  }

  private double slowMs(String path, JsonNode value) {
    if (value == null || value.isNull()) {
      return Double.POSITIVE_INFINITY;
    }
    if (!value.isNumber() || !(value.doubleValue() > 0)) {
      problems.add(path + " must be a positive number of milliseconds (e.g. 5000), or left out to keep"
          + " no request for slowness, got " + value);
      return Double.POSITIVE_INFINITY;
    }
    return value.doubleValue();
  }

  private boolean flag(String path, JsonNode value) {
    if (value == null) {
      return true;
    }
    if (!value.isBoolean()) {
      problems.add(path + " must be true or false, got " + value);
      return true;
    }
    return value.booleanValue();
  }
}
