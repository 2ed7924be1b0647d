package gw.gateway.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling baselines and z-scores for the waits users feel (p95 time to first token, p95 JSON wait),
 * cost per request and spend rate, sampled once a minute from the last minute's traffic. An anomaly
 * names the incident class it points to (PERFORMANCE_DEGRADATION for the waits, COST_SPIKE for cost
 * and spend), for the incident triage. The seed's end-to-end p95 has no baseline: longer answers
 * would move it without anyone waiting longer.
 */
public final class AnomalyDetector {
  static final double ALPHA = 0.1;
  static final double Z_LIMIT = 3.0;
  static final int WARMUP = 10;

  private final Map<String, Baseline> baselines = new LinkedHashMap<>();
  private final Map<String, String> classes = Map.of(
      "p95_ttft_ms", "PERFORMANCE_DEGRADATION",
      "p95_json_wait_ms", "PERFORMANCE_DEGRADATION",
      "cost_per_request_usd", "COST_SPIKE",
      "spend_usd_per_minute", "COST_SPIKE");
  private volatile List<Anomaly> current = List.of();

  public record Anomaly(String metric, double value, double baseline, double zScore, String incidentClass) {}

  public AnomalyDetector() {
    for (String metric : List.of("p95_ttft_ms", "p95_json_wait_ms", "cost_per_request_usd",
        "spend_usd_per_minute")) {
      baselines.put(metric, new Baseline(ALPHA, Z_LIMIT, WARMUP));
    }
  }

  /** One minute's values (a null value, e.g. no traffic, is skipped); returns and keeps the anomalies. */
  public synchronized List<Anomaly> sample(Map<String, Double> minute) {
    List<Anomaly> found = new ArrayList<>();
    baselines.forEach((metric, baseline) -> {
      Double value = minute.get(metric);
      if (value != null) {
        double mean = baseline.mean();
        Double z = baseline.sample(value);
        if (z != null) {
          found.add(new Anomaly(metric, value, mean, z, classes.get(metric)));
        }
      }
    });
    current = List.copyOf(found);
    return current;
  }

  /** The anomalies of the latest sample. */
  public List<Anomaly> current() {
    return current;
  }
}
