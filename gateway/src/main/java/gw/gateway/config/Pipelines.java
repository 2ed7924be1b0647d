package gw.gateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The policy chain's names and order as configured in {@code gateway.json}'s {@code pipeline}. The
 * forward step (attempt timeout, PERFORMANCE_DEGRADATION breaker, retries, fallback models) is not
 * in the list: it is the call the chain wraps. {@code trace} is not a policy either: it names the
 * metering stage (tokens, cost, quality → budgets, limits, windows, metrics, trace storage), which
 * runs after every answer; it is the list's fixed last entry so the list reads as a request's path.
 */
public final class Pipelines {
  /** The metering and trace stage's name: the list's fixed last entry, not a policy. */
  public static final String TRACE = "trace";
  /** Every policy, in the order the gateway runs them when {@code pipeline} is not set. */
  public static final List<String> ALL = List.of(
      "identify", "context", "rate_limit", "budget", "spend",
      "retrieval_outage", "cost_spike", "quality_degradation", "prompt", "upstream_redaction", "data_incident",
      TRACE);
  /** What runs when {@code pipeline} is not set: all but the opt-in upstream redaction. */
  public static final List<String> DEFAULT = ALL.stream().filter(n -> !n.equals("upstream_redaction")).toList();

  private Pipelines() {}

  /** The configured list, checked: known names, no repeats, identify first, trace last. */
  public static List<String> validate(String where, List<String> configured) {
    if (configured == null) {
      return DEFAULT;
    }
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : configured) {
      if (!ALL.contains(name)) {
        throw new ConfigException(where + ": pipeline has unknown policy '" + name + "'; use names from " + ALL);
      }
      if (!seen.add(name)) {
        throw new ConfigException(where + ": pipeline lists '" + name + "' twice; keep one");
      }
      names.add(name);
    }
    if (names.isEmpty() || !names.get(0).equals("identify")) {
      throw new ConfigException(where + ": pipeline must start with identify (every policy needs the caller)");
    }
    if (!names.get(names.size() - 1).equals(TRACE)) {
      throw new ConfigException(where + ": pipeline must end with trace (metering and tracing follow the answer)");
    }
    if (names.contains("prompt") && names.contains("quality_degradation")
        && names.indexOf("prompt") < names.indexOf("quality_degradation")) {
      throw new ConfigException(where + ": pipeline has prompt before quality_degradation; put it after, so a "
          + "rollback can choose the known-good version");
    }
    if (names.contains("budget") && !names.contains("spend")) {
      throw new ConfigException(where + ": pipeline has budget without spend; add spend so budgets survive a restart");
    }
    return List.copyOf(names);
  }
}
