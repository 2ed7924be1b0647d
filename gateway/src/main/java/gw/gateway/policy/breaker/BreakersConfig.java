package gw.gateway.policy.breaker;

import gw.gateway.config.ConfigFields;
import gw.gateway.config.ConfigSource;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.leak.Allowlist;
import gw.traces.diagnosis.Diagnoser;
import gw.traces.diagnosis.DiagnosisRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    BreakersFile file = source.bind(FILE, BreakersFile.class);
    ConfigFields f = source.fields(FILE);
    BreakersFile.Retrieval ret = section(f, file.retrieval(), "RETRIEVAL_OUTAGE");
    BreakersFile.CostSpike cost = section(f, file.costSpike(), "COST_SPIKE");
    BreakersFile.Quality q = section(f, file.quality(), "QUALITY_DEGRADATION");
    BreakersFile.DataIncident data = section(f, file.dataIncident(), "DATA_INCIDENT");
    String action = text(f, "DATA_INCIDENT.action", data.action());
    if (!action.equals("redact") && !action.equals("block")) {
      throw f.error("DATA_INCIDENT.action", "is '" + action + "'", "use redact or block");
    }
    return new BreakersConfig(
        new Retrieval((int) f.between("RETRIEVAL_OUTAGE.min_documents", ret.minDocuments(), 0, 1_000),
            f.between("RETRIEVAL_OUTAGE.min_top_score", ret.minTopScore(), 0, 1),
            window(f, "RETRIEVAL_OUTAGE", ret),
            text(f, "RETRIEVAL_OUTAGE.fallback_answer", ret.fallbackAnswer())),
        performance(f, section(f, file.performance(), "PERFORMANCE_DEGRADATION")),
        new CostSpike(f.between("COST_SPIKE.max_cost_per_request_usd", cost.maxCostPerRequestUsd(), 0, 1_000),
            (long) f.between("COST_SPIKE.max_tokens_per_request", cost.maxTokensPerRequest(), 1, 100_000_000),
            window(f, "COST_SPIKE", cost),
            (int) f.between("COST_SPIKE.cap_max_tokens", cost.capMaxTokens(), 1, 1_000_000),
            cheaperModels(f, cost.cheaperModels()),
            Set.copyOf(Objects.requireNonNullElse(cost.shedTiers(), Set.of()))),
        new Quality(window(f, "QUALITY_DEGRADATION", q), text(f, "QUALITY_DEGRADATION.known_good_model",
            q.knownGoodModel())),
        new DataIncident(action, Objects.requireNonNullElse(data.scanStreams(), true), allowlist(f, data.allow())),
        modes(f, file));
  }

  private static <T> T section(ConfigFields f, T section, String name) {
    if (section == null) {
      throw f.error(name, "is missing or not an object", "add the " + name + " section (see the project's config/"
          + FILE + ")");
    }
    return section;
  }

  private static Map<IncidentClass, BreakerMode> modes(ConfigFields f, BreakersFile file) {
    Map<IncidentClass, BreakerMode> modes = new EnumMap<>(IncidentClass.class);
    for (IncidentClass c : IncidentClass.values()) {
      String mode = file.section(c).mode();
      if (mode != null) {
        try {
          modes.put(c, BreakerMode.parse(mode));
        } catch (IllegalArgumentException e) {
          throw f.error(c.name() + ".mode", "is '" + mode + "'", "use auto, observe, forced_open or forced_closed (or "
              + "leave it out for auto)");
        }
      }
    }
    return Map.copyOf(modes);
  }

  private static Performance performance(ConfigFields f, BreakersFile.Performance perf) {
    String at = "PERFORMANCE_DEGRADATION.";
    Performance p = new Performance((int) f.between(at + "max_failures", perf.maxFailures(), 1, 1_000_000),
        seconds(f.between(at + "window_seconds", perf.windowSeconds(), 0.001, 86_400)),
        seconds(f.between(at + "open_seconds", perf.openSeconds(), 0.001, 86_400)),
        Math.round(f.between(at + "slow_call_ms", perf.slowCallMs(), DEFAULT_SLOW_CALL_MS, 0, 3_600_000)),
        f.between(at + "min_tokens_per_second", perf.minTokensPerSecond(), DEFAULT_MIN_TOKENS_PER_SECOND, 0.001,
            1_000_000),
        Math.round(f.between(at + "max_stall_ms", perf.maxStallMs(), DEFAULT_MAX_STALL_MS, 0, 3_600_000)),
        perf.fallbackModel());
    if (p.slowCallMs() > 0 && p.maxStallMs() < p.slowCallMs()) {
      throw f.error(at + "max_stall_ms", "is " + p.maxStallMs() + ", below slow_call_ms " + p.slowCallMs(),
          "use a value of at least slow_call_ms (a JSON call gets at least that long to answer)");
    }
    return p;
  }

  private static WindowBreaker.Settings window(ConfigFields f, String section, BreakersFile.Window w) {
    return new WindowBreaker.Settings(
        seconds(f.between(section + ".window_seconds", w.windowSeconds(), 0.001, 86_400)),
        (int) f.between(section + ".min_requests", w.minRequests(), 1, 1_000_000),
        f.between(section + ".trip_ratio", w.tripRatio(), 0.0001, 1),
        seconds(f.between(section + ".open_seconds", w.openSeconds(), 0.001, 86_400)));
  }

  private static Map<String, String> cheaperModels(ConfigFields f, Map<String, String> written) {
    Map<String, String> models = Objects.requireNonNullElse(written, Map.of());
    models.forEach((model, cheaper) -> text(f, "COST_SPIKE.cheaper_models." + model, cheaper));
    return Map.copyOf(models);
  }

  private static Allowlist allowlist(ConfigFields f, BreakersFile.Allow allow) {
    if (allow == null) {
      return Allowlist.NONE;
    }
    return new Allowlist(nonBlank(f, "DATA_INCIDENT.allow.values", allow.values()),
        nonBlank(f, "DATA_INCIDENT.allow.domains", allow.domains()));
  }

  private static List<String> nonBlank(ConfigFields f, String field, List<String> values) {
    List<String> list = new ArrayList<>(Objects.requireNonNullElse(values, List.of()));
    for (String v : list) {
      if (v == null || v.isBlank()) {
        throw f.error(field, "holds " + (v == null ? "null" : "\"" + v + "\"") + ", not a non-empty string",
            "quote each value");
      }
    }
    return list;
  }

  private static String text(ConfigFields f, String field, String v) {
    if (v == null || v.isBlank()) {
      throw f.error(field, "is missing", "add it as a string");
    }
    return v;
  }

  private static long seconds(double s) {
    return Math.round(s * 1000);
  }
}
