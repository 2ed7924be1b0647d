package gw.gateway.incident;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.detect.AnomalyDetector;
import gw.gateway.detect.HealthMetrics;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.policy.breaker.BreakerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision tree: which class and severity each combination of signals gets, and why. */
class TriageTest {
  private final Triage triage = new Triage(0.5);

  private static HealthMetrics.Report report(Map<String, Object[]> coloured) {
    return report(coloured, null);
  }

  private static HealthMetrics.Report report(Map<String, Object[]> coloured, Double limitedShare) {
    List<HealthMetrics.Metric> metrics = new ArrayList<>();
    for (String name : gw.gateway.detect.Thresholds.REPORTED) {
      Object[] v = coloured.get(name);
      metrics.add(new HealthMetrics.Metric(name, v == null ? 1.0 : (Double) v[0], v == null ? "green" : (String) v[1],
          0, 0.5, 0.7));
    }
    return new HealthMetrics.Report(30, 30, 100, 20, "red", metrics, limitedShare, List.of());
  }

  private static List<Breaker.View> breakers(IncidentClass... tripped) {
    List<Breaker.View> views = new ArrayList<>();
    for (IncidentClass c : IncidentClass.values()) {
      boolean t = List.of(tripped).contains(c);
      BreakerState state = t ? BreakerState.OPEN : BreakerState.CLOSED;
      views.add(new Breaker.View(c, BreakerMode.AUTO, state, state, t ? "test trip" : null, t ? 1 : 0, null, 0, 0,
          new Breaker.ModeChange(BreakerMode.AUTO, null, null, null)));
    }
    return views;
  }

  @Test
  void aHealthyTickFindsNothing() {
    assertThat(triage.classify(report(Map.of()), List.of(), breakers())).isEmpty();
  }

  @Test
  void anyLeakIsADataIncidentAtSev1() {
    var findings = triage.classify(report(Map.of()), List.of(), breakers(IncidentClass.DATA_INCIDENT));
    assertThat(findings).containsOnlyKeys(IncidentClass.DATA_INCIDENT);
    assertThat(findings.get(IncidentClass.DATA_INCIDENT).severity()).isEqualTo("SEV-1");
    assertThat(findings.get(IncidentClass.DATA_INCIDENT).reason()).contains("step 1").contains("data leak is SEV-1");
  }

  @Test
  void aTripSinceTheLastTickCountsEvenWhenTheBreakerIsClosedAgain() {
    List<Breaker.View> views = new ArrayList<>(breakers());
    views.replaceAll(v -> v.incidentClass() != IncidentClass.DATA_INCIDENT ? v
        : new Breaker.View(IncidentClass.DATA_INCIDENT, BreakerMode.AUTO, BreakerState.CLOSED, BreakerState.CLOSED,
            "leak in tenant acme: email from nowhere in the request", 3, null, 1, 0,
            new Breaker.ModeChange(BreakerMode.AUTO, "reset at once", "on-call", null)));
    var findings = triage.classify(report(Map.of()), List.of(), views, Map.of(IncidentClass.DATA_INCIDENT, 2L));
    assertThat(findings).containsOnlyKeys(IncidentClass.DATA_INCIDENT);
    assertThat(findings.get(IncidentClass.DATA_INCIDENT).severity()).isEqualTo("SEV-1");
    assertThat(findings.get(IncidentClass.DATA_INCIDENT).reason())
        .contains("leak in tenant acme: email from nowhere in the request").contains("closed again");
    assertThat(triage.classify(report(Map.of()), List.of(), views, Map.of(IncidentClass.DATA_INCIDENT, 3L)))
        .as("no trip since the last tick").isEmpty();
    assertThat(triage.classify(report(Map.of()), List.of(), views)).as("no earlier tick to compare with").isEmpty();
  }

  @Test
  void aQualityDropDuringARetrievalOutageIsTheOutage() {
    var findings = triage.classify(report(Map.of("tool_success_rate", new Object[] {0.4, "red"},
        "quality_proxy_rate", new Object[] {0.6, "red"})), List.of(), breakers());
    assertThat(findings).containsOnlyKeys(IncidentClass.RETRIEVAL_OUTAGE);
    assertThat(findings.get(IncidentClass.RETRIEVAL_OUTAGE).signals()).extracting(Signal::name)
        .containsExactly("tool_success_rate", "quality_proxy_rate");
    assertThat(findings.get(IncidentClass.RETRIEVAL_OUTAGE).severity()).isEqualTo("SEV-2");
  }

  @Test
  void aQualityDropDuringACostSpikeIsTheRunawayGeneration() {
    var findings = triage.classify(report(Map.of("cost_per_request_usd", new Object[] {0.09, "red"},
        "quality_proxy_rate", new Object[] {0.6, "red"})), List.of(), breakers());
    assertThat(findings).containsOnlyKeys(IncidentClass.COST_SPIKE);
  }

  @Test
  void aQualityDropDuringALeakIsTheLeak() {
    var findings = triage.classify(report(Map.of("quality_proxy_rate", new Object[] {0.8, "yellow"})), List.of(),
        breakers(IncidentClass.DATA_INCIDENT));
    assertThat(findings).containsOnlyKeys(IncidentClass.DATA_INCIDENT);
  }

  @Test
  void aQualityDropWithRetrievalHealthyIsQualityDegradation() {
    var findings = triage.classify(report(Map.of("quality_proxy_rate", new Object[] {0.8, "yellow"})), List.of(),
        breakers());
    assertThat(findings).containsOnlyKeys(IncidentClass.QUALITY_DEGRADATION);
    assertThat(findings.get(IncidentClass.QUALITY_DEGRADATION).severity()).isEqualTo("SEV-3");
  }

  @Test
  void latencyIsTriagedByWhatUsersWaitForNotByTheEndToEndP95() {
    assertThat(triage.classify(report(Map.of("p95_latency_ms", new Object[] {12_000.0, "red"})), List.of(),
        breakers())).as("long healthy answers make the end-to-end p95 long").isEmpty();
    for (String wait : List.of("p95_ttft_ms", "p95_json_wait_ms")) {
      var findings = triage.classify(report(Map.of(wait, new Object[] {12_000.0, "red"})), List.of(), breakers());
      assertThat(findings).as(wait).containsOnlyKeys(IncidentClass.PERFORMANCE_DEGRADATION);
      assertThat(findings.get(IncidentClass.PERFORMANCE_DEGRADATION).severity()).isEqualTo("SEV-2");
    }
  }

  @Test
  void failuresAreAPerformanceIncidentAndAWidespreadOutageIsSev1() {
    var some = triage.classify(report(Map.of("failure_rate", new Object[] {0.2, "red"})), List.of(), breakers());
    assertThat(some.get(IncidentClass.PERFORMANCE_DEGRADATION).severity()).isEqualTo("SEV-2");
    var most = triage.classify(report(Map.of("failure_rate", new Object[] {0.6, "red"})), List.of(), breakers());
    assertThat(most.get(IncidentClass.PERFORMANCE_DEGRADATION).severity()).isEqualTo("SEV-1");
    assertThat(most.get(IncidentClass.PERFORMANCE_DEGRADATION).reason()).contains("widespread outage");
  }

  @Test
  void failuresFromTheCostBreakersSheddingBelongToTheCostSpike() {
    var findings = triage.classify(report(Map.of("failure_rate", new Object[] {0.2, "red"})), List.of(),
        breakers(IncidentClass.COST_SPIKE));
    assertThat(findings).containsOnlyKeys(IncidentClass.COST_SPIKE);
  }

  @Test
  void failuresThatAreMostlyTheGatewaysOwnLimitsAreACostSpike() {
    var findings = triage.classify(report(Map.of("failure_rate", new Object[] {0.3, "red"}), 0.8), List.of(),
        breakers());
    assertThat(findings).containsOnlyKeys(IncidentClass.COST_SPIKE);
    var provider = triage.classify(report(Map.of("failure_rate", new Object[] {0.3, "red"}), 0.2), List.of(),
        breakers());
    assertThat(provider).containsOnlyKeys(IncidentClass.PERFORMANCE_DEGRADATION);
  }

  @Test
  void anomaliesRaiseTheClassTheyPointTo() {
    var anomaly = new AnomalyDetector.Anomaly("cost_per_request_usd", 0.04, 0.002, 9.5, "COST_SPIKE");
    var findings = triage.classify(report(Map.of()), List.of(anomaly), breakers());
    assertThat(findings).containsOnlyKeys(IncidentClass.COST_SPIKE);
    assertThat(findings.get(IncidentClass.COST_SPIKE).severity()).isEqualTo("SEV-3");
    assertThat(findings.get(IncidentClass.COST_SPIKE).signals().get(0).alertLine())
        .isEqualTo("cost_per_request_usd anomaly — current value: 0.0400 against a baseline of 0.0020 (z = 9.5)");
  }

  @Test
  void aTrippedBreakerAloneIsSev2OfItsClass() {
    var findings = triage.classify(report(Map.of()), List.of(), breakers(IncidentClass.PERFORMANCE_DEGRADATION));
    assertThat(findings.get(IncidentClass.PERFORMANCE_DEGRADATION).severity()).isEqualTo("SEV-2");
    assertThat(findings.get(IncidentClass.PERFORMANCE_DEGRADATION).signals().get(0).alertLine())
        .isEqualTo("PERFORMANCE_DEGRADATION breaker tripped — test trip");
  }
}
