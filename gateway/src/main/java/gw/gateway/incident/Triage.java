package gw.gateway.incident;

import gw.gateway.detect.AnomalyDetector;
import gw.gateway.detect.HealthMetrics;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The triage decision tree: turns one tick's signals into findings, at most one per incident
 * class, each with a severity and the reason. Signals that are symptoms of a root-cause class are
 * attached to it rather than opening an incident of their own (a quality drop during a retrieval
 * outage is the outage, during a leak it is the leaking (and redacted) answers, during a cost spike
 * the oversized requests; failures that are mostly the gateway's own rate limits and budgets
 * refusing, or the cost breaker's shedding, are the cost spike).
 * Order of the tree: data, retrieval, performance, cost, quality.
 */
public final class Triage {
  private final double sev1FailureRate;

  public Triage(double sev1FailureRate) {
    this.sev1FailureRate = sev1FailureRate;
  }

  public record Finding(IncidentClass incidentClass, String severity, List<Signal> signals, String reason) {}

  /** A tick without an earlier one to compare with: only breakers open now count. */
  public Map<IncidentClass, Finding> classify(HealthMetrics.Report report, List<AnomalyDetector.Anomaly> anomalies,
      List<Breaker.View> breakers) {
    return classify(report, anomalies, breakers, Map.of());
  }

  /**
   * {@code tripsBefore}: each breaker's cumulative trips at the previous tick. A breaker that tripped
   * since then is a signal even if it is closed again (an operator reset it at once, or a probe closed
   * it): every trip is seen, however short.
   */
  public Map<IncidentClass, Finding> classify(HealthMetrics.Report report, List<AnomalyDetector.Anomaly> anomalies,
      List<Breaker.View> breakers, Map<IncidentClass, Long> tripsBefore) {
    Map<IncidentClass, List<Signal>> byClass = new EnumMap<>(IncidentClass.class);
    for (Breaker.View v : breakers) {
      Signal tripped = breakerSignal(v, tripsBefore.get(v.incidentClass()));
      if (tripped != null) {
        add(byClass, v.incidentClass(), tripped);
      }
    }
    Signal quality = null;
    Signal failures = null;
    for (HealthMetrics.Metric m : report.metrics()) {
      if (m.colour() == null || m.colour().equals("green")) {
        continue;
      }
      double limit = m.colour().equals("red") ? m.red() : m.yellow();
      Signal s = new Signal(Signal.Kind.THRESHOLD, m.name(), m.colour(), m.value(), limit, null);
      switch (m.name()) {
        case "tool_success_rate" -> add(byClass, IncidentClass.RETRIEVAL_OUTAGE, s);
        // Latency is judged by what users wait for: a long healthy answer is not an incident.
        case "p95_ttft_ms", "p95_json_wait_ms" -> add(byClass, IncidentClass.PERFORMANCE_DEGRADATION, s);
        case "p95_latency_ms" -> { } // the seed's end-to-end p95: reported, not triaged
        case "cost_per_request_usd" -> add(byClass, IncidentClass.COST_SPIKE, s);
        case "failure_rate" -> failures = s;
        case "quality_proxy_rate" -> quality = s;
        default -> throw new IllegalStateException("no triage branch for " + m.name());
      }
    }
    for (AnomalyDetector.Anomaly a : anomalies) {
      add(byClass, IncidentClass.parse(a.incidentClass()), new Signal(Signal.Kind.ANOMALY, a.metric(), "anomaly",
          a.value(), a.baseline(), String.format(java.util.Locale.ROOT, "z = %.1f", a.zScore())));
    }
    if (failures != null) {
      // failure_rate counts only the service's failures (no 4xx of the caller, no refusal by the gateway's
      // own limits); when the limits still refused more than failed, or the cost breaker is shedding, the
      // failures come with a cost spike: spend, not speed.
      boolean limits = report.limitedShare() != null && report.limitedShare() >= 0.5;
      boolean shedding = byClass.containsKey(IncidentClass.COST_SPIKE)
          && !byClass.containsKey(IncidentClass.PERFORMANCE_DEGRADATION);
      add(byClass, limits || shedding ? IncidentClass.COST_SPIKE : IncidentClass.PERFORMANCE_DEGRADATION, failures);
    }
    if (quality != null) {
      IncidentClass cause = byClass.containsKey(IncidentClass.RETRIEVAL_OUTAGE) ? IncidentClass.RETRIEVAL_OUTAGE
          : byClass.containsKey(IncidentClass.DATA_INCIDENT) ? IncidentClass.DATA_INCIDENT
          : byClass.containsKey(IncidentClass.COST_SPIKE) ? IncidentClass.COST_SPIKE : IncidentClass.QUALITY_DEGRADATION;
      add(byClass, cause, quality);
    }
    Map<IncidentClass, Finding> findings = new EnumMap<>(IncidentClass.class);
    byClass.forEach((c, signals) -> findings.put(c, finding(c, signals)));
    return findings;
  }

  private static Signal breakerSignal(Breaker.View v, Long tripsBefore) {
    long since = tripsBefore == null ? 0 : Math.max(0, v.trips() - tripsBefore);
    boolean open = v.autoState() != BreakerState.CLOSED;
    if (!open && since == 0) {
      return null;
    }
    String detail = v.tripReason();
    if (!open) {
      detail = (detail == null ? "automatic trigger" : detail) + " (" + (since == 1 ? "1 trip" : since + " trips")
          + " since the last check; closed again by now)";
    }
    return new Signal(Signal.Kind.BREAKER, v.incidentClass().name(), "tripped", (double) v.trips(), null, detail);
  }

  private Finding finding(IncidentClass c, List<Signal> signals) {
    String severity;
    String why;
    Signal failures = signals.stream().filter(s -> s.name().equals("failure_rate")).findFirst().orElse(null);
    if (c == IncidentClass.DATA_INCIDENT) {
      severity = "SEV-1";
      why = "any data leak is SEV-1";
    } else if (failures != null && failures.value() != null && failures.value() >= sev1FailureRate) {
      severity = "SEV-1";
      why = "failure_rate " + Signal.format(failures.value()) + " >= " + Signal.format(sev1FailureRate)
          + " is a widespread outage";
    } else if (signals.stream().anyMatch(Signal::severe)) {
      severity = "SEV-2";
      why = "a red metric or a tripped breaker is a major degradation";
    } else {
      severity = "SEV-3";
      why = "only yellow thresholds or anomalies: limited impact so far";
    }
    List<String> seen = signals.stream().map(Signal::alertLine).toList();
    String reason = c.name() + " (step " + order(c) + " of the tree: "
        + step(c) + "): " + String.join("; ", seen) + ". " + severity + ": " + why + ".";
    return new Finding(c, severity, List.copyOf(signals), reason);
  }

  private static int order(IncidentClass c) {
    return switch (c) {
      case DATA_INCIDENT -> 1;
      case RETRIEVAL_OUTAGE -> 2;
      case PERFORMANCE_DEGRADATION -> 3;
      case COST_SPIKE -> 4;
      case QUALITY_DEGRADATION -> 5;
    };
  }

  private static String step(IncidentClass c) {
    return switch (c) {
      case DATA_INCIDENT -> "a leak tripped the DATA_INCIDENT breaker";
      case RETRIEVAL_OUTAGE -> "retrieval or tools failing, checked before latency, cost and quality";
      case PERFORMANCE_DEGRADATION -> "latency or failures";
      case COST_SPIKE -> "cost per request or spend rate";
      case QUALITY_DEGRADATION -> "answers failing the quality proxies with retrieval healthy";
    };
  }

  private static void add(Map<IncidentClass, List<Signal>> byClass, IncidentClass c, Signal s) {
    byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
  }
}
