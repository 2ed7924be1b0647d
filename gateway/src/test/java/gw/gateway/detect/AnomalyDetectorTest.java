package gw.gateway.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
  private static Map<String, Double> minute(double p95, double costPerRequest, double spend) {
    Map<String, Double> m = new HashMap<>();
    m.put("p95_ttft_ms", p95);
    m.put("cost_per_request_usd", costPerRequest);
    m.put("spend_usd_per_minute", spend);
    return m;
  }

  @Test
  void noAnomalyWhileTheBaselineWarmsUpOrTrafficIsNormal() {
    AnomalyDetector d = new AnomalyDetector();
    for (int i = 0; i < 30; i++) {
      assertThat(d.sample(minute(900 + (i % 3) * 20, 0.002, 0.2))).isEmpty();
    }
  }

  @Test
  void aSpendSpikeIsACostSpikeAndALatencyJumpIsAPerformanceDegradation() {
    AnomalyDetector d = new AnomalyDetector();
    for (int i = 0; i < 20; i++) {
      d.sample(minute(900 + (i % 3) * 20, 0.002, 0.2));
    }
    List<AnomalyDetector.Anomaly> found = d.sample(minute(4_000, 0.002, 2.5));
    assertThat(found).extracting(AnomalyDetector.Anomaly::metric)
        .containsExactlyInAnyOrder("p95_ttft_ms", "spend_usd_per_minute");
    assertThat(found).filteredOn(a -> a.metric().equals("spend_usd_per_minute")).singleElement()
        .satisfies(a -> {
          assertThat(a.incidentClass()).isEqualTo("COST_SPIKE");
          assertThat(a.zScore()).isGreaterThan(3);
          assertThat(a.baseline()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
        });
    assertThat(found).filteredOn(a -> a.metric().equals("p95_ttft_ms")).singleElement()
        .extracting(AnomalyDetector.Anomaly::incidentClass).isEqualTo("PERFORMANCE_DEGRADATION");
    assertThat(d.current()).hasSize(2);
  }

  @Test
  void aSustainedSpikeStaysAnomalousAndTheBaselineDoesNotDriftUpToIt() {
    AnomalyDetector d = new AnomalyDetector();
    for (int i = 0; i < 20; i++) {
      d.sample(minute(900, 0.002, 0.2));
    }
    for (int i = 0; i < 10; i++) {
      assertThat(d.sample(minute(900, 0.02, 2.0))).extracting(AnomalyDetector.Anomaly::metric)
          .contains("cost_per_request_usd");
    }
    assertThat(d.sample(minute(900, 0.002, 0.2))).isEmpty();
  }
}
