package gw.traces.sampling;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.TraceValidator;
import gw.traces.json.BindingException;
import gw.traces.json.JsonBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads sampling rules: the document is bound to {@link ContractFile} (unknown fields and wrong types
 * refused by name), then every out-of-range value is reported at once with its path and the fix.
 */
final class SamplingRulesJson {
  private static final String EXAMPLE =
      "{\"environments\": {\"production\": {\"sample_rate\": 0.1, \"slow_ms\": 5000, \"keep_errors\": true}}}";
  private static final String SAMPLE_RATE = "a number in [0,1] (0.1 keeps 10%)";
  private static final String SLOW_MS =
      "a positive number of milliseconds (e.g. 5000), or left out to keep no request for slowness";

  /** The observability contract's file: sampling and retention per environment, the store's size cap. */
  record ContractFile(Map<String, RuleJson> environments, StoreRetentionJson retention) {}

  /** One environment's rule as written; absent flags mean true, an absent slow_ms turns that rule off. */
  @JsonClassDescription("an object like {\"sample_rate\": 0.1, \"slow_ms\": 5000}")
  record RuleJson(@JsonPropertyDescription(SAMPLE_RATE) Double sampleRate, @JsonPropertyDescription(SLOW_MS) Double slowMs,
      Boolean keepErrors, Boolean keepGatewayActions, RetentionJson retention) {}

  /** How long an environment's traces keep their content (hot) and exist at all (warm). */
  @JsonClassDescription("an object like {\"hot_hours\": 72, \"warm_days\": 30}")
  record RetentionJson(Double hotHours, Double warmDays) {}

  /** The trace file as a whole: an optional size cap and how often retention runs. */
  @JsonClassDescription("an object like {\"max_db_mb\": 2048, \"check_every_minutes\": 60}")
  record StoreRetentionJson(Double maxDbMb, Double checkEveryMinutes) {}

  private final List<String> problems = new ArrayList<>();

  private SamplingRulesJson() {}

  static SamplingRules parse(JsonNode json) {
    ContractFile file = bind(json);
    SamplingRulesJson parser = new SamplingRulesJson();
    Map<String, SamplingRules.EnvironmentRule> rules = parser.environments(file);
    if (!parser.problems.isEmpty()) {
      throw invalid(String.join("; ", parser.problems));
    }
    return new SamplingRules(rules);
  }

  static ContractFile bind(JsonNode json) {
    try {
      return JsonBinding.bind(json, ContractFile.class);
    } catch (BindingException e) {
      throw invalid(e.getMessage());
    }
  }

  private static IllegalArgumentException invalid(String problems) {
    return new IllegalArgumentException("invalid sampling rules: " + problems);
  }

  private Map<String, SamplingRules.EnvironmentRule> environments(ContractFile file) {
    Map<String, SamplingRules.EnvironmentRule> rules = new HashMap<>();
    if (file.environments() == null) {
      problems.add("expected an object with an \"environments\" object, e.g. " + EXAMPLE);
      return rules;
    }
    file.environments().forEach((name, rule) -> {
      String path = "environments." + name;
      if (!TraceValidator.ENVIRONMENTS.contains(name)) {
        problems.add(path + " is not an environment; use one of " + TraceValidator.ENVIRONMENTS);
      } else if (rule == null) {
        problems.add(path + " must be an object like {\"sample_rate\": 0.1, \"slow_ms\": 5000}");
      } else {
        SamplingRules.EnvironmentRule checked = rule(path, rule);
        if (checked != null) {
          rules.put(name, checked);
        }
      }
    });
    return rules;
  }

  private SamplingRules.EnvironmentRule rule(String path, RuleJson rule) {
    int before = problems.size();
    Double rate = rule.sampleRate();
    if (rate == null) {
      problems.add(path + ".sample_rate is required: a number in [0,1], e.g. 0.1 to keep 10%");
    } else if (!(rate >= 0 && rate <= 1)) {
      problems.add(path + ".sample_rate must be " + SAMPLE_RATE + ", got " + rate);
    }
    Double slowMs = rule.slowMs();
    if (slowMs != null && !(slowMs > 0)) {
      problems.add(path + ".slow_ms must be " + SLOW_MS + ", got " + slowMs);
    }
    if (problems.size() > before) {
      return null;
    }
    return new SamplingRules.EnvironmentRule(rate, slowMs == null ? Double.POSITIVE_INFINITY : slowMs,
        rule.keepErrors() == null || rule.keepErrors(), rule.keepGatewayActions() == null || rule.keepGatewayActions());
  }
}
