package gw.gateway.admin;

import gw.gateway.incident.IncidentView;
import java.util.List;
import java.util.function.Predicate;

/**
 * An incident as a tenant-scoped token sees it. Incidents are the gateway's (one upstream outage
 * hits every tenant), so the token sees each one, its signals, breaker, mitigation and operator
 * actions; what belongs to other tenants is left out: their example traces, their replays and those
 * replays' timeline lines, and the impact (requests, failures and spend over every tenant's traffic).
 */
final class ScopedIncidents {
  private ScopedIncidents() {}

  /** {@code tenant} null (an unscoped token): the incident as it is. */
  static IncidentView view(IncidentView v, String tenant) {
    if (tenant == null) {
      return v;
    }
    IncidentView.Evidence traces = v.traces() == null ? null : new IncidentView.Evidence(
        own(v.traces().before(), r -> tenant.equals(r.tenant())), own(v.traces().during(), r -> tenant.equals(r.tenant())));
    // A replay line saved before lines carried a tenant cannot be attributed: left out.
    List<IncidentView.Entry> timeline = own(v.timeline(),
        e -> tenant.equals(e.tenant()) || (e.tenant() == null && !"replay".equals(e.kind())));
    return new IncidentView(v.id(), v.incidentClass(), v.severity(), v.status(), v.title(), v.reason(), v.openedAt(),
        v.acknowledgedAt(), v.acknowledgedBy(), v.mitigatedAt(), v.mitigation(), v.recoveredAt(), v.resolvedAt(),
        v.resolvedBy(), v.resolution(), v.firstAlert(), v.signals(), v.peaks(), v.intercepted(), v.observed(), null,
        traces, own(v.replays(), r -> tenant.equals(r.tenant())), timeline);
  }

  private static <T> List<T> own(List<T> items, Predicate<T> mine) {
    return items == null ? List.of() : items.stream().filter(mine).toList();
  }
}
