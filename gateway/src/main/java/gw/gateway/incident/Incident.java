package gw.gateway.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One incident's state, changed only on the admin verticle's context (ticks, operator actions and
 * replays are all run there), so it needs no locking. {@link #view()} is what is shown and stored.
 */
final class Incident {

  final String id;
  final IncidentClass incidentClass;
  final Instant openedAt;
  final String firstAlert;
  String severity;
  String status = "open";
  String reason;
  Instant acknowledgedAt;
  String acknowledgedBy;
  Instant mitigatedAt;
  String mitigation;
  Instant recoveredAt;
  Instant resolvedAt;
  String resolvedBy;
  String resolution;
  List<Signal> signals = List.of();
  /** Other instances' signals already on the timeline ("instance: key/level"); not saved. */
  final java.util.Set<String> sighted = new java.util.HashSet<>();
  final Map<String, Signal> peaks = new LinkedHashMap<>();
  long intercepted;
  long interceptionsAtOpen;
  IncidentView.Observed observed;
  long observedAtOpen;
  IncidentView.Impact impact = new IncidentView.Impact(0, 0, 0, 0);
  IncidentView.Evidence traces = IncidentView.Evidence.NONE;
  final List<IncidentView.Replay> replays = new ArrayList<>();
  final List<IncidentView.Entry> timeline = new ArrayList<>();
  /** When the class's signals last went quiet (null while any remains): the recovery hold starts here. */
  Instant clearSince;
  /** Traffic totals when it opened, for its impact (not stored: after a restart the saved impact stays). */
  gw.gateway.detect.NorthStarWindow.Totals totalsAtOpen;
  /** When example traces were last looked up (not stored: a restart looks again). */
  Instant evidenceAt;
  boolean dirty = true;

  Incident(String id, IncidentClass incidentClass, Instant openedAt, String severity, String reason, String firstAlert) {
    this.id = id;
    this.incidentClass = incidentClass;
    this.openedAt = openedAt;
    this.severity = severity;
    this.reason = reason;
    this.firstAlert = firstAlert;
  }

  boolean resolved() {
    return status.equals("resolved");
  }

  void log(Instant at, String kind, String message) {
    log(at, kind, message, null);
  }

  /** A line about one tenant (a tenant-scoped token sees only its own tenant's). */
  void log(Instant at, String kind, String message, String tenant) {
    timeline.add(new IncidentView.Entry(at.toString(), kind, message, tenant));
    dirty = true;
  }

  /** Keeps the worst value each signal reached. */
  void observe(List<Signal> now) {
    signals = List.copyOf(now);
    for (Signal s : now) {
      peaks.merge(s.key(), s, (old, neu) -> worse(old, neu) ? old : neu);
    }
    dirty = true;
  }

  /** Red beats yellow; at the same level, further past its limit (or baseline) is worse. */
  private static boolean worse(Signal a, Signal b) {
    if (a.severe() != b.severe()) {
      return a.severe();
    }
    return distance(a) >= distance(b);
  }

  private static double distance(Signal s) {
    if (s.value() == null) {
      return 0;
    }
    return s.limit() == null ? s.value() : Math.abs(s.value() - s.limit());
  }

  String title() {
    String what = switch (incidentClass) {
      case RETRIEVAL_OUTAGE -> "Retrieval outage";
      case QUALITY_DEGRADATION -> "Quality degradation";
      case PERFORMANCE_DEGRADATION -> "Performance degradation";
      case COST_SPIKE -> "Cost spike";
      case DATA_INCIDENT -> "Data incident";
    };
    return what + ": " + firstAlert;
  }

  IncidentView view() {
    return new IncidentView(id, incidentClass.name(), severity, status, title(), reason, text(openedAt),
        text(acknowledgedAt), acknowledgedBy, text(mitigatedAt), mitigation, text(recoveredAt), text(resolvedAt),
        resolvedBy, resolution, firstAlert, signals, List.copyOf(peaks.values()), intercepted, observed, impact, traces,
        List.copyOf(replays), List.copyOf(timeline));
  }

  /** Rebuilds an incident saved before a restart. */
  static Incident restore(IncidentView v) {
    Incident i = new Incident(v.id(), IncidentClass.parse(v.incidentClass()), Instant.parse(v.openedAt()), v.severity(),
        v.reason(), v.firstAlert());
    i.status = v.status();
    i.acknowledgedAt = instant(v.acknowledgedAt());
    i.acknowledgedBy = v.acknowledgedBy();
    i.mitigatedAt = instant(v.mitigatedAt());
    i.mitigation = v.mitigation();
    i.recoveredAt = instant(v.recoveredAt());
    i.resolvedAt = instant(v.resolvedAt());
    i.resolvedBy = v.resolvedBy();
    i.resolution = v.resolution();
    i.signals = v.signals() == null ? List.of() : v.signals();
    if (v.peaks() != null) {
      v.peaks().forEach(s -> i.peaks.put(s.key(), s));
    }
    i.intercepted = v.intercepted();
    i.observed = v.observed();
    i.impact = v.impact();
    i.traces = v.traces() == null ? IncidentView.Evidence.NONE : v.traces();
    if (v.replays() != null) {
      i.replays.addAll(v.replays());
    }
    if (v.timeline() != null) {
      i.timeline.addAll(v.timeline());
    }
    i.dirty = false;
    return i;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
