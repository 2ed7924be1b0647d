package gw.gateway.policy.breaker;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.leak.Allowlist;
import gw.traces.diagnosis.Diagnoser;
import gw.traces.diagnosis.DiagnosisRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Thresholds, windows and mitigations of the five breakers, from {@code breakers.json}, and each
 * class's mode at start ({@code "mode"}, default auto; a mode an operator saved overrides it).
 */
public record BreakersConfig(Retrieval retrieval, Performance performance, CostSpike costSpike, Quality quality,
    DataIncident dataIncident, Map<IncidentClass, BreakerMode> modes) {
  public static final String FILE = "breakers.json";

  /** The mode this class starts in. */
  public BreakerMode mode(IncidentClass c) {
    return modes.getOrDefault(c, BreakerMode.AUTO);
  }

  /** Zero documents, or a best relevance score below the floor, is a retrieval failure. */
  public record Retrieval(int minDocuments, double minTopScore, WindowBreaker.Settings window, String fallbackAnswer) {}

  /**
   * The upstream call's breaker; {@code fallbackModel} null means fail fast with 503. A call is slow
   * by what its caller waits, not by its length ({@link CallPace}): {@code slowCallMs} is the longest
   * healthy wait for a stream's first token and the fixed part of a JSON answer's allowance, to which
   * each output token adds {@code 1000 / minTokensPerSecond} ms; a JSON call with no answer after
   * {@code slowCallMs} + its {@code max_tokens} at that speed, at most {@code maxStallMs}, is stalled
   * (0 {@code slowCallMs} turns slow-call counting off).
   */
  public record Performance(int maxFailures, long windowMs, long openMs, long slowCallMs, double minTokensPerSecond,
      long maxStallMs, String fallbackModel) {
    /** The time one output token may take at the slowest healthy speed. */
    public double msPerToken() {
      return 1000.0 / minTokensPerSecond;
    }
  }

  /** When breakers.json does not say: the p95 latency's yellow line in thresholds.json. */
  public static final long DEFAULT_SLOW_CALL_MS = 5_000;
  /** When breakers.json does not say: thresholds.json's min_tokens_per_second. */
  public static final double DEFAULT_MIN_TOKENS_PER_SECOND = 20;
  /** Below forward.json's attempt timeout, so the breaker hears of a stalled JSON call first. */
  public static final long DEFAULT_MAX_STALL_MS = 20_000;

  public record CostSpike(double maxCostPerRequestUsd, long maxTokensPerRequest, WindowBreaker.Settings window,
      int capMaxTokens, Map<String, String> cheaperModels, Set<String> shedTiers) {}

  public record Quality(WindowBreaker.Settings window, String knownGoodModel) {}

  /**
   * {@code redact}: answer with the leak redacted; {@code block}: withhold the answer.
   * {@code scanStreams}: filter streamed answers too (each content piece then leaves about one
   * token later, see docs/BREAKERS.md); false relays streams as sent. {@code allow}: public values
   * and domains that are never a leak.
   */
  public record DataIncident(String action, boolean scanStreams, Allowlist allow) {}

  /**
   * The trace diagnoser with this file's retrieval floor ({@code min_top_score}), so the diagnoser and the
   * RETRIEVAL_OUTAGE breaker never disagree about whether a request's retrieval was weak.
   */
  public Diagnoser diagnoser() {
    return new Diagnoser(DiagnosisRules.defaults().withMinTopRelevance(retrieval.minTopScore()));
  }

  public static BreakersConfig load(ConfigSource source) {
    Reader r = new Reader(source.describe(FILE));
    JsonNode root = source.read(FILE);
    JsonNode ret = r.object(root, "RETRIEVAL_OUTAGE");
    JsonNode perf = r.object(root, "PERFORMANCE_DEGRADATION");
    JsonNode cost = r.object(root, "COST_SPIKE");
    JsonNode q = r.object(root, "QUALITY_DEGRADATION");
    JsonNode data = r.object(root, "DATA_INCIDENT");
    String action = r.text(data, "DATA_INCIDENT.action");
    if (!action.equals("redact") && !action.equals("block")) {
      throw r.error("DATA_INCIDENT.action", "is '" + action + "'", "use redact or block");
    }
    return new BreakersConfig(
        new Retrieval((int) r.number(ret, "RETRIEVAL_OUTAGE.min_documents", 0, 1_000),
            r.number(ret, "RETRIEVAL_OUTAGE.min_top_score", 0, 1),
            r.window(ret, "RETRIEVAL_OUTAGE"),
            r.text(ret, "RETRIEVAL_OUTAGE.fallback_answer")),
        performance(r, perf),
        new CostSpike(r.number(cost, "COST_SPIKE.max_cost_per_request_usd", 0, 1_000),
            (long) r.number(cost, "COST_SPIKE.max_tokens_per_request", 1, 100_000_000),
            r.window(cost, "COST_SPIKE"),
            (int) r.number(cost, "COST_SPIKE.cap_max_tokens", 1, 1_000_000),
            r.stringMap(cost, "COST_SPIKE.cheaper_models"),
            r.stringSet(cost, "COST_SPIKE.shed_tiers")),
        new Quality(r.window(q, "QUALITY_DEGRADATION"), r.text(q, "QUALITY_DEGRADATION.known_good_model")),
        new DataIncident(action, r.bool(data, "DATA_INCIDENT.scan_streams", true), allowlist(r, data)),
        modes(r, root));
  }

  private static Map<IncidentClass, BreakerMode> modes(Reader r, JsonNode root) {
    Map<IncidentClass, BreakerMode> modes = new EnumMap<>(IncidentClass.class);
    for (IncidentClass c : IncidentClass.values()) {
      String field = c.name() + ".mode";
      String mode = r.optionalText(root.get(c.name()), field);
      if (mode != null) {
        try {
          modes.put(c, BreakerMode.parse(mode));
        } catch (IllegalArgumentException e) {
          throw r.error(field, "is '" + mode + "'", "use auto, observe, forced_open or forced_closed (or leave it out "
              + "for auto)");
        }
      }
    }
    return Map.copyOf(modes);
  }

  private static Performance performance(Reader r, JsonNode perf) {
    Performance p = new Performance((int) r.number(perf, "PERFORMANCE_DEGRADATION.max_failures", 1, 1_000_000),
        seconds(r.number(perf, "PERFORMANCE_DEGRADATION.window_seconds", 0.001, 86_400)),
        seconds(r.number(perf, "PERFORMANCE_DEGRADATION.open_seconds", 0.001, 86_400)),
        Math.round(r.optionalNumber(perf, "PERFORMANCE_DEGRADATION.slow_call_ms", DEFAULT_SLOW_CALL_MS, 0, 3_600_000)),
        r.optionalNumber(perf, "PERFORMANCE_DEGRADATION.min_tokens_per_second", DEFAULT_MIN_TOKENS_PER_SECOND,
            0.001, 1_000_000),
        Math.round(r.optionalNumber(perf, "PERFORMANCE_DEGRADATION.max_stall_ms", DEFAULT_MAX_STALL_MS, 0, 3_600_000)),
        r.optionalText(perf, "PERFORMANCE_DEGRADATION.fallback_model"));
    if (p.slowCallMs() > 0 && p.maxStallMs() < p.slowCallMs()) {
      throw r.error("PERFORMANCE_DEGRADATION.max_stall_ms", "is " + p.maxStallMs() + ", below slow_call_ms "
          + p.slowCallMs(), "use a value of at least slow_call_ms (a JSON call gets at least that long to answer)");
    }
    return p;
  }

  private static Allowlist allowlist(Reader r, JsonNode data) {
    JsonNode allow = data.get("allow");
    if (allow == null || allow.isNull()) {
      return Allowlist.NONE;
    }
    if (!allow.isObject()) {
      throw r.error("DATA_INCIDENT.allow", "must be an object", "e.g. {\"values\": [\"support@example.com\"], \"domains\": [\"example.com\"]}");
    }
    return new Allowlist(r.strings(allow, "DATA_INCIDENT.allow.values"), r.strings(allow, "DATA_INCIDENT.allow.domains"));
  }

  private static long seconds(double s) {
    return Math.round(s * 1000);
  }

  /** Field readers whose errors name the file, the field and the fix. */
  private record Reader(String where) {
    JsonNode object(JsonNode node, String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isObject()) {
        throw error(field, "is missing or not an object", "add the " + field + " section (see the project's config/" + FILE + ")");
      }
      return v;
    }

    double number(JsonNode node, String field, double min, double max) {
      JsonNode v = node.get(leaf(field));
      if (v == null || !v.isNumber()) {
        throw error(field, "is missing or not a number", "write a number between " + min + " and " + max);
      }
      double d = v.asDouble();
      if (d < min || d > max) {
        throw error(field, "is " + d, "use a value between " + min + " and " + max);
      }
      return d;
    }

    double optionalNumber(JsonNode node, String field, double fallback, double min, double max) {
      JsonNode v = node.get(leaf(field));
      return v == null || v.isNull() ? fallback : number(node, field, min, max);
    }

    String text(JsonNode node, String field) {
      String v = optionalText(node, field);
      if (v == null || v.isBlank()) {
        throw error(field, "is missing", "add it as a string");
      }
      return v;
    }

    boolean bool(JsonNode node, String field, boolean fallback) {
      JsonNode v = node.get(leaf(field));
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isBoolean()) {
        throw error(field, "must be true or false, got " + v, "write true or false without quotes");
      }
      return v.asBoolean();
    }

    String optionalText(JsonNode node, String field) {
      JsonNode v = node.get(leaf(field));
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        throw error(field, "must be a string or null", "quote the value");
      }
      return v.asText();
    }

    WindowBreaker.Settings window(JsonNode node, String section) {
      return new WindowBreaker.Settings(
          seconds(number(node, section + ".window_seconds", 0.001, 86_400)),
          (int) number(node, section + ".min_requests", 1, 1_000_000),
          number(node, section + ".trip_ratio", 0.0001, 1),
          seconds(number(node, section + ".open_seconds", 0.001, 86_400)));
    }

    Map<String, String> stringMap(JsonNode node, String field) {
      JsonNode v = node.get(leaf(field));
      Map<String, String> map = new LinkedHashMap<>();
      if (v == null || v.isNull()) {
        return map;
      }
      if (!v.isObject()) {
        throw error(field, "must be an object of model -> cheaper model", "e.g. {\"gpt-4o\": \"gpt-4o-mini\"}");
      }
      v.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
      return Map.copyOf(map);
    }

    List<String> strings(JsonNode node, String field) {
      JsonNode v = node.get(leaf(field));
      List<String> list = new ArrayList<>();
      if (v == null || v.isNull()) {
        return list;
      }
      if (!v.isArray()) {
        throw error(field, "must be an array of strings", "e.g. [\"support@example.com\"]");
      }
      for (JsonNode item : v) {
        if (!item.isTextual() || item.asText().isBlank()) {
          throw error(field, "holds " + item + ", not a non-empty string", "quote each value");
        }
        list.add(item.asText());
      }
      return list;
    }

    Set<String> stringSet(JsonNode node, String field) {
      JsonNode v = node.get(leaf(field));
      Set<String> set = new LinkedHashSet<>();
      if (v == null || v.isNull()) {
        return set;
      }
      if (!v.isArray()) {
        throw error(field, "must be an array of tier names", "e.g. [\"free\"]");
      }
      v.forEach(t -> set.add(t.asText()));
      return Set.copyOf(set);
    }

    ConfigException error(String field, String problem, String fix) {
      return new ConfigException(where + ": " + field + " " + problem + "; " + fix);
    }

    private static String leaf(String field) {
      return field.substring(field.lastIndexOf('.') + 1);
    }
  }
}
