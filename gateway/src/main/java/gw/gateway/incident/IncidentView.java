package gw.gateway.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An incident as the admin API shows it and {@code control.db} stores it (times are ISO-8601
 * strings, null until they happen).
 *
 * @param firstAlert  the line of the signal that opened it
 * @param signals     the signals of the latest tick (empty once they cleared)
 * @param peaks       the worst value each signal reached while open
 * @param intercepted requests the class's breaker acted on since the incident opened
 * @param observed    null unless the class's breaker was in observe mode while the incident was open
 */
public record IncidentView(String id, @JsonProperty("class") String incidentClass, String severity, String status,
    String title, String reason, String openedAt, String acknowledgedAt, String acknowledgedBy, String mitigatedAt,
    String mitigation, String recoveredAt, String resolvedAt, String resolvedBy, String resolution, String firstAlert,
    List<Signal> signals, List<Signal> peaks, long intercepted, Observed observed, Impact impact, Evidence traces,
    List<Replay> replays, List<Entry> timeline) {

  /**
   * One timeline line; {@code kind}: alert, classification, severity, breaker, mitigation, observed, replay,
   * acknowledged, recovered, resolved. {@code tenant}: the tenant a line is about (a replay's), null for
   * the gateway-wide ones.
   */
  public record Entry(String at, String kind, String message, String tenant) {}

  /**
   * What the class's breaker, in observe mode, would have done: {@code wouldHave} its mitigation in words,
   * {@code breakerOpenedAt} when it opened (null if it did not), {@code requests} how many requests it would
   * have acted on since the incident opened. Nothing of it was done.
   */
  public record Observed(String wouldHave, String breakerOpenedAt, long requests) {}

  /** Traffic from the moment the incident opened until it resolved (or now). */
  public record Impact(long requests, long failed, long qualityFailed, double costUsd) {}

  /** Example traces: healthy ones from before the incident, failing ones from during it. */
  public record Evidence(List<TraceRef> before, List<TraceRef> during) {
    public static final Evidence NONE = new Evidence(List.of(), List.of());
  }

  /** {@code showsFault}: the trace itself shows the incident class's fault (not just any unhealthy trace). */
  public record TraceRef(String traceId, String at, String status, String model, double latencyMs, String diagnosis,
      boolean showsFault, String tenant) {}

  /** A replay run while the incident was open, with the comparison's verdict and the original's tenant. */
  public record Replay(String at, String traceId, String replayTraceId, String overrides, String verdict,
      String reason, String tenant) {}
}
