package gw.gateway.detect;

import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Green / yellow / red for the five north-star metrics and the two waits users feel, from
 * {@code thresholds.json} (seed 002's values for latency and failure rate). A metric is red past
 * {@code red}, yellow past {@code yellow}, else green; {@code target} is the objective, reported
 * beside the value. {@code windowSeconds} is the dashboard's view; incidents are triaged over the
 * shorter {@code detectionWindowSeconds}, so they open and recover within seconds of the traffic
 * changing. A rate needs {@code minRequests} observations to be judged, a latency percentile
 * {@code minSamples}. {@code minTokensPerSecond}: the slowest healthy generation speed; the time an
 * answer's own tokens take at this speed is not counted as waiting ({@code p95_json_wait_ms}).
 */
public record Thresholds(long windowSeconds, long detectionWindowSeconds, int minRequests, int minSamples,
    double minTokensPerSecond, Map<String, Threshold> metrics) {
  static final String FILE = "thresholds.json";
  /** The seed's five north-star metrics (mirrored by the Prometheus alert rules). */
  public static final List<String> METRICS = List.of(
      "p95_latency_ms", "failure_rate", "tool_success_rate", "cost_per_request_usd", "quality_proxy_rate");
  /**
   * What users wait for: a stream's time to first token, and a JSON answer's time beyond what its
   * length takes at {@code min_tokens_per_second}. Latency incidents are triaged on these.
   */
  public static final List<String> WAITS = List.of("p95_ttft_ms", "p95_json_wait_ms");
  public static final List<String> REPORTED = java.util.stream.Stream.concat(METRICS.stream(), WAITS.stream()).toList();

  /** Of {@code totalMs} spent producing {@code outputTokens}, the time beyond what they take at {@code minTokensPerSecond}. */
  public double waitBeyondLength(double totalMs, long outputTokens) {
    return Math.max(0, totalMs - outputTokens * 1000.0 / minTokensPerSecond);
  }

  /** A latency percentile, judged on {@code minSamples} rather than {@code minRequests}. */
  public static boolean isLatency(String metric) {
    return metric.startsWith("p95_");
  }

  public enum Colour {
    GREEN, YELLOW, RED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code above}: higher is worse (latency); {@code below}: lower is worse (success rates). */
  public record Threshold(boolean higherIsWorse, double target, double yellow, double red) {
    public Colour colour(double value) {
      if (higherIsWorse) {
        return value > red ? Colour.RED : value > yellow ? Colour.YELLOW : Colour.GREEN;
      }
      return value < red ? Colour.RED : value < yellow ? Colour.YELLOW : Colour.GREEN;
    }
  }

  /** {@code thresholds.json} as written (unknown fields rejected); absent settings take the defaults. */
  record ThresholdsFile(Long windowSeconds, Long detectionWindowSeconds, Integer minRequests, Integer minSamples,
      Double minTokensPerSecond, Map<String, MetricJson> metrics) {}

  record MetricJson(String direction, Double target, Double yellow, Double red) {}

  public static Thresholds load(ConfigSource source) {
    String where = source.describe(FILE);
    ThresholdsFile file = source.bind(FILE, ThresholdsFile.class);
    long window = Objects.requireNonNullElse(file.windowSeconds(), 300L);
    long detection = Objects.requireNonNullElse(file.detectionWindowSeconds(), 30L);
    int min = Objects.requireNonNullElse(file.minRequests(), 20);
    int minSamples = Objects.requireNonNullElse(file.minSamples(), 20);
    double minRate = Objects.requireNonNullElse(file.minTokensPerSecond(), 20.0);
    if (window < 10 || window > 86_400 || min < 1 || minSamples < 1) {
      throw new ConfigException(where + ": window_seconds must be 10..86400, min_requests and min_samples >= 1");
    }
    if (!(minRate > 0)) {
      throw new ConfigException(where + ": min_tokens_per_second must be a positive number of tokens per second, e.g. 20");
    }
    if (detection < 5 || detection > window) {
      throw new ConfigException(where + ": detection_window_seconds must be 5..window_seconds (" + window + ")");
    }
    Map<String, MetricJson> written = Objects.requireNonNullElse(file.metrics(), Map.of());
    source.fields(FILE).knownKeys("metrics", written.keySet(), REPORTED);
    Map<String, Threshold> metrics = new LinkedHashMap<>();
    for (String name : REPORTED) {
      metrics.put(name, threshold(where, name, written.get(name)));
    }
    return new Thresholds(window, detection, min, minSamples, minRate, Map.copyOf(metrics));
  }

  private static Threshold threshold(String where, String name, MetricJson m) {
    if (m == null || !("above".equals(m.direction()) || "below".equals(m.direction()))
        || m.yellow() == null || m.red() == null || m.target() == null) {
      throw new ConfigException(where + ": metrics." + name + " needs direction (above|below), target, yellow and red");
    }
    Threshold t = new Threshold(m.direction().equals("above"), m.target(), m.yellow(), m.red());
    boolean ordered = t.higherIsWorse() ? t.yellow() <= t.red() : t.yellow() >= t.red();
    if (!ordered) {
      throw new ConfigException(where + ": metrics." + name + ": yellow must come before red ("
          + (t.higherIsWorse() ? "yellow <= red" : "yellow >= red") + ")");
    }
    return t;
  }
}
