package gw.gateway.detect;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Green / yellow / red for the five north-star metrics, from {@code thresholds.json} (seed 002's
 * values for latency and failure rate). A metric is red past {@code red}, yellow past
 * {@code yellow}, else green; {@code target} is the objective, reported beside the value.
 * {@code windowSeconds} is the dashboard's view; incidents are triaged over the shorter
 * {@code detectionWindowSeconds}, so they open and recover within seconds of the traffic changing.
 */
public record Thresholds(long windowSeconds, long detectionWindowSeconds, int minRequests,
    Map<String, Threshold> metrics) {
  static final String FILE = "thresholds.json";
  public static final List<String> METRICS = List.of(
      "p95_latency_ms", "failure_rate", "tool_success_rate", "cost_per_request_usd", "quality_proxy_rate");

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

  public static Thresholds load(ConfigSource source) {
    String where = source.describe(FILE);
    JsonNode root = source.read(FILE);
    long window = root.path("window_seconds").asLong(300);
    long detection = root.path("detection_window_seconds").asLong(30);
    int min = root.path("min_requests").asInt(20);
    if (window < 10 || window > 86_400 || min < 1) {
      throw new ConfigException(where + ": window_seconds must be 10..86400 and min_requests >= 1");
    }
    if (detection < 5 || detection > window) {
      throw new ConfigException(where + ": detection_window_seconds must be 5..window_seconds (" + window + ")");
    }
    Map<String, Threshold> metrics = new LinkedHashMap<>();
    for (String name : METRICS) {
      JsonNode m = root.path("metrics").path(name);
      String direction = m.path("direction").asText("");
      if (!m.isObject() || !(direction.equals("above") || direction.equals("below"))
          || !m.path("yellow").isNumber() || !m.path("red").isNumber() || !m.path("target").isNumber()) {
        throw new ConfigException(where + ": metrics." + name + " needs direction (above|below), target, yellow and red");
      }
      Threshold t = new Threshold(direction.equals("above"), m.get("target").asDouble(), m.get("yellow").asDouble(),
          m.get("red").asDouble());
      boolean ordered = t.higherIsWorse() ? t.yellow() <= t.red() : t.yellow() >= t.red();
      if (!ordered) {
        throw new ConfigException(where + ": metrics." + name + ": yellow must come before red ("
            + (t.higherIsWorse() ? "yellow <= red" : "yellow >= red") + ")");
      }
      metrics.put(name, t);
    }
    return new Thresholds(window, detection, min, Map.copyOf(metrics));
  }
}
