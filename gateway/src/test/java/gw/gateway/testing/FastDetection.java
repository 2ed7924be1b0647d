package gw.gateway.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code thresholds.json} edits that make detection answer in seconds against a mock that answers at
 * once: a 5 s window, five samples, latency lines in hundreds of milliseconds.
 */
public final class FastDetection {
  private FastDetection() {}

  /** The shrunk thresholds, plus {@code extra} edits of the same file. */
  public static Map<String, Object> thresholds(Map<String, Object> extra) {
    Map<String, Object> edits = new HashMap<>(Map.of("/detection_window_seconds", 5, "/min_requests", 5,
        "/min_samples", 5,
        // The mock answers at once here: none of an answer's time is generation.
        "/min_tokens_per_second", 1_000_000));
    for (String metric : new String[] {"p95_latency_ms", "p95_json_wait_ms", "p95_ttft_ms"}) {
      edits.put("/metrics/" + metric + "/target", 200);
      edits.put("/metrics/" + metric + "/yellow", 300);
      edits.put("/metrics/" + metric + "/red", 600);
    }
    edits.putAll(extra);
    return edits;
  }
}
