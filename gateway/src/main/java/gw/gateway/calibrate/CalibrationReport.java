package gw.gateway.calibrate;

import gw.gateway.incident.IncidentClass;
import gw.mock.client.TrafficSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a calibration measured: on healthy traffic, everything that would have bothered someone (incidents,
 * breaker trips, altered answers, traces diagnosed unhealthy, failed requests); under each fault, whether
 * the right incident class opened.
 */
public record CalibrationReport(CalibrationSettings settings, Healthy healthy, List<Recall> recall, double seconds) {

  /**
   * @param client       the sample client's own counts (sent, failed, actions it saw in {@code x-gateway-action})
   * @param clientErrors the client-error bursts' answers by HTTP status
   * @param incidents    incidents opened, by class
   * @param trips        breaker trips, by class
   * @param traces       the stored traces, altered and diagnosed
   */
  public record Healthy(TrafficSnapshot client, Map<Integer, Long> clientErrors, Map<String, Long> incidents,
      Map<String, Long> trips, TraceAudit traces) {
    public long incidentsOpened() {
      return incidents.values().stream().mapToLong(Long::longValue).sum();
    }

    public long breakerTrips() {
      return trips.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Answers altered as the client saw them or as the traces record them, whichever is more. */
    public long answersAltered() {
      long seen = client.actions().values().stream().mapToLong(Long::longValue).sum();
      return Math.max(seen, traces.alteredTraces());
    }

    public long tracesUnhealthy() {
      return traces.unhealthyTotal();
    }

    public long requestsFailed() {
      return client.failed() + client.skipped();
    }

    /** Nothing that would have bothered anyone: no incident, trip, altered answer, unhealthy trace or failure. */
    public boolean clean() {
      return incidentsOpened() == 0 && breakerTrips() == 0 && answersAltered() == 0 && tracesUnhealthy() == 0
          && requestsFailed() == 0;
    }
  }

  /**
   * @param expected the class the fault should open
   * @param opened   every class open when the run ended (when {@code expected} opened, or at the timeout)
   * @param seconds  from the fault's onset to {@code expected} opening; null when it never did
   */
  public record Recall(IncidentClass expected, String fault, List<String> opened, Double seconds) {
    public boolean recalled() {
      return opened.contains(expected.name());
    }
  }

  public long recalled() {
    return recall.stream().filter(Recall::recalled).count();
  }

  /** Incidents opened per 10,000 healthy requests sent. */
  public double falseIncidentsPer10k() {
    return healthy.client.sent() == 0 ? 0 : healthy.incidentsOpened() * 10_000.0 / healthy.client.sent();
  }

  public List<String> lines() {
    List<String> out = new ArrayList<>();
    Healthy h = healthy;
    out.add(String.format(Locale.ROOT, "healthy: %d realistic requests (%.0f/s in bursts, time scale %s, seed %d):"
            + " ok %d, failed %d %s, skipped %d; %d client errors %s",
        h.client.sent(), settings.ratePerSecond(), settings.timeScale(), settings.seed(), h.client.ok(),
        h.client.failed(), h.client.failedBy(), h.client.skipped(), h.traces.clientErrors(), h.clientErrors));
    out.add("  incidents opened: " + h.incidentsOpened() + " " + h.incidents);
    out.add("  breaker trips: " + h.breakerTrips() + " " + h.trips);
    out.add("  answers altered: " + h.answersAltered() + " (client saw " + h.client.actions() + ", traces "
        + h.traces.altered() + ")");
    out.add("  traces diagnosed unhealthy: " + h.tracesUnhealthy() + " of " + h.traces.traces() + " "
        + h.traces.unhealthy() + " (besides " + h.traces.toolFailures() + " with a tool failure the app reported)");
    h.traces.examples().forEach(e -> out.add("    e.g. " + e));
    for (Recall r : recall) {
      out.add(String.format(Locale.ROOT, "fault %-23s %s: %s", r.expected(), r.recalled() ? "recalled" : "MISSED",
          r.seconds() == null ? "no " + r.expected() + " incident, open: " + r.opened()
              : String.format(Locale.ROOT, "incident after %.1f s (open: %s)", r.seconds(), r.opened())
          + " — " + r.fault()));
    }
    out.add(String.format(Locale.ROOT, "false incidents per 10,000 healthy requests: %.1f; recall %d/%d; %.0f s",
        falseIncidentsPer10k(), recalled(), recall.size(), seconds));
    return out;
  }
}
