package gw.gateway.policy.breaker;

import gw.gateway.incident.IncidentClass;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** The five breakers of a running gateway, shared by every event loop. */
public final class Breakers {
  private final BreakersConfig config;
  private final Map<IncidentClass, Breaker> byClass = new EnumMap<>(IncidentClass.class);
  private volatile BiConsumer<IncidentClass, Breaker.ModeChange> onOperatorChange = (c, m) -> { };

  public Breakers(BreakersConfig config, LongSupplier clockMs, UpstreamBreaker upstream) {
    this.config = config;
    byClass.put(IncidentClass.RETRIEVAL_OUTAGE, new Breaker(IncidentClass.RETRIEVAL_OUTAGE,
        new WindowBreaker(config.retrieval().window(), clockMs)));
    byClass.put(IncidentClass.QUALITY_DEGRADATION, new Breaker(IncidentClass.QUALITY_DEGRADATION,
        new WindowBreaker(config.quality().window(), clockMs)));
    byClass.put(IncidentClass.PERFORMANCE_DEGRADATION, new Breaker(IncidentClass.PERFORMANCE_DEGRADATION, upstream));
    byClass.put(IncidentClass.COST_SPIKE, new Breaker(IncidentClass.COST_SPIKE,
        new WindowBreaker(config.costSpike().window(), clockMs)));
    byClass.put(IncidentClass.DATA_INCIDENT, new Breaker(IncidentClass.DATA_INCIDENT, new TenantLeakTrips(clockMs)));
    byClass.forEach((c, b) -> b.restore(Breaker.ModeChange.configured(config.mode(c))));
  }

  /** Who hears of an operator's mode change made on this instance (to tell the others). */
  public void onOperatorChange(BiConsumer<IncidentClass, Breaker.ModeChange> listener) {
    this.onOperatorChange = listener;
  }

  /** An operator's change through this instance's admin API: applied here, then told. */
  public void change(IncidentClass incidentClass, Breaker.ModeChange change) {
    byClass.get(incidentClass).setMode(change);
    onOperatorChange.accept(incidentClass, change);
  }

  /** Who hears of an automatic trip caused by this instance's traffic (DATA_INCIDENT's: {@link #leakTrips}). */
  public void onAutomaticTrip(BiConsumer<IncidentClass, String> listener) {
    byClass.forEach((c, b) -> b.trigger().onTrip(why -> listener.accept(c, why)));
  }

  /** DATA_INCIDENT's per-tenant trips. */
  public TenantLeakTrips leakTrips() {
    return (TenantLeakTrips) byClass.get(IncidentClass.DATA_INCIDENT).trigger();
  }

  public BreakersConfig config() {
    return config;
  }

  public Breaker get(IncidentClass incidentClass) {
    return byClass.get(incidentClass);
  }

  public List<Breaker.View> views() {
    List<Breaker.View> views = new ArrayList<>();
    byClass.values().forEach(b -> views.add(b.view()));
    return views;
  }

  /** Modes saved before a restart (they win over breakers.json's); automatic states start closed. */
  public void restore(Map<IncidentClass, Breaker.ModeChange> modes) {
    modes.forEach((c, m) -> byClass.get(c).restore(m));
  }
}
