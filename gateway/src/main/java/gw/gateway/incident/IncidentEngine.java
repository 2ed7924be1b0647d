package gw.gateway.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gw.gateway.detect.HealthMetrics;
import gw.gateway.detect.NorthStarWindow;
import gw.gateway.outbound.OutageLog;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.policy.breaker.BreakerState;
import gw.gateway.policy.breaker.Breakers;
import gw.gateway.state.ControlStore;
import gw.gateway.state.IncidentRow;
import gw.traces.json.Json;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Opens, updates and resolves incidents from what the gateway sees. Every tick (on the admin
 * verticle's context) reads the north-star metrics over the detection window, the anomalies and the
 * breakers; {@link Triage} turns them into findings; a finding opens its class's incident or updates
 * the open one; breaker trips, mode changes and replays go on the timeline; a class whose signals stay
 * clear for the recovery hold is recovered and resolved (a DATA_INCIDENT waits for an operator).
 * Every change is saved to {@code control.db} on the ordered control worker.
 */
public final class IncidentEngine implements gw.gateway.replay.Replayer.Listener {
  static final ObjectMapper JSON = Json.SNAKE_CASE;
  private static final int KEPT = 500;
  /** Incidents a follower re-reads from the shared store each tick. */
  private static final int FOLLOWED = 100;
  private static final Duration EVIDENCE_EVERY = Duration.ofSeconds(5);
  private static final System.Logger LOG = System.getLogger(IncidentEngine.class.getName());

  private final IncidentCatalog catalog;
  private final HealthMetrics health;
  private final Breakers breakers;
  private final Triage triage;
  private final TraceEvidence evidence;
  private final ControlStore control;
  private final WorkerExecutor writer;
  private final Clock clock;
  private final Map<IncidentClass, Incident> open = new EnumMap<>(IncidentClass.class);
  private final Map<String, Incident> known = new LinkedHashMap<>();
  private final Map<IncidentClass, Breaker.View> lastViews = new EnumMap<>(IncidentClass.class);
  /** Touched only on the engine's context, where the saves complete. */
  private final OutageLog saveFailures;
  private static final org.slf4j.Logger EVENTS = LoggerFactory.getLogger(IncidentEngine.class);
  private BiConsumer<IncidentNotifier.Event, IncidentView> listener = (event, incident) -> { };
  private int year;
  private int sequence;
  private io.vertx.core.Context context;
  private IncidentPeers peers = IncidentPeers.ALONE;
  private boolean leading = true;

  public IncidentEngine(IncidentCatalog catalog, HealthMetrics health, Breakers breakers,
      gw.traces.store.TraceStore store, ControlStore control, WorkerExecutor writer, Clock clock) {
    this.catalog = catalog;
    this.health = health;
    this.breakers = breakers;
    this.triage = new Triage(catalog.triage().sev1FailureRate());
    this.evidence = new TraceEvidence(store, new FaultSigns(health.thresholds(), breakers.config()),
        breakers.config().diagnoser());
    this.control = control;
    this.writer = writer;
    this.clock = clock;
    this.saveFailures = new OutageLog(LOG, "saving incidents to " + control.describe());
  }

  /**
   * Loads and links what a tick and a first incident use (triage, the JSON mapper), so that cost is
   * paid on the worker starting the gateway rather than on an event loop's first tick.
   */
  public static void warmUp(gw.gateway.detect.Thresholds thresholds, Breakers breakers) throws JsonProcessingException {
    HealthMetrics idle = new HealthMetrics(thresholds, () -> 0L);
    new Triage(0.5).classify(idle.report(thresholds.detectionWindowSeconds()), List.of(), breakers.views());
    Incident probe = new Incident("INC-0-0", IncidentClass.COST_SPIKE, Instant.EPOCH, "SEV-3", "warm-up", "warm-up");
    JSON.readValue(JSON.writeValueAsString(probe.view()), IncidentView.class);
  }

  /** Several instances: only the leader opens and updates incidents, from what every instance saw. */
  public void joinFleet(IncidentPeers fleet) {
    this.peers = fleet;
  }

  /** False on a fleet's follower: incidents are the leader's to change. */
  public boolean leads() {
    return leading;
  }

  /** The instance that opens and updates incidents; null for a gateway alone. */
  public String incidentLeader() {
    return peers.leader();
  }

  public IncidentCatalog catalog() {
    return catalog;
  }

  public long evaluateEveryMs() {
    return catalog.triage().evaluateEveryMs();
  }

  /** Loads the incidents saved before a restart (open ones carry on) and the year's id sequence. */
  public Future<Void> load() {
    context = io.vertx.core.Vertx.currentContext();
    int thisYear = clock.instant().atZone(ZoneOffset.UTC).getYear();
    return writer.executeBlocking(() -> {
      List<IncidentRow> rows = control.incidents(KEPT);
      int count = control.incidentsWithPrefix("INC-" + thisYear + "-");
      List<Incident> loaded = new ArrayList<>();
      for (IncidentRow row : rows) {
        loaded.add(Incident.restore(JSON.readValue(row.doc(), IncidentView.class)));
      }
      return new Loaded(loaded, count);
    }, true).map(l -> {
      year = thisYear;
      sequence = l.count();
      for (int i = l.incidents().size() - 1; i >= 0; i--) {
        Incident inc = l.incidents().get(i);
        known.put(inc.id, inc);
        if (!inc.resolved()) {
          open.put(inc.incidentClass, inc);
        }
      }
      breakers.views().forEach(v -> lastViews.put(v.incidentClass(), v));
      return null;
    });
  }

  private record Loaded(List<Incident> incidents, int count) {}

  /**
   * Who hears of each incident's opening, severity change, mitigation and resolution; called on the
   * engine's thread, so it must not block (an {@link IncidentNotifier} only queues).
   */
  public void notifyTo(BiConsumer<IncidentNotifier.Event, IncidentView> listener) {
    this.listener = listener;
  }

  /** An operational log line and the listener, for each step people are told about. */
  private void announce(IncidentNotifier.Event event, Incident inc) {
    IncidentView view = inc.view();
    EVENTS.atLevel(event == IncidentNotifier.Event.RESOLVED ? Level.INFO : Level.WARN)
        .setMessage("incident " + IncidentNotifier.wire(event).replace('_', ' '))
        .addKeyValue("incident_id", view.id()).addKeyValue("class", view.incidentClass())
        .addKeyValue("severity", view.severity()).addKeyValue("status", view.status()).log();
    listener.accept(event, view);
  }

  /** One evaluation; runs on the admin context. */
  public void tick() {
    Instant now = clock.instant();
    HealthMetrics.Report report = health.report(health.thresholds().detectionWindowSeconds());
    List<Breaker.View> views = breakers.views();
    Map<IncidentClass, Long> tripsBefore = new EnumMap<>(IncidentClass.class);
    lastViews.forEach((c, v) -> tripsBefore.put(c, v.trips()));
    Map<IncidentClass, Triage.Finding> findings = triage.classify(report, health.anomalies(), views, tripsBefore);
    boolean traffic = !"unknown".equals(report.overall());
    peers.share(traffic, findings.values());
    if (!peers.leads()) {
      leading = false;
      views.forEach(v -> lastViews.put(v.incidentClass(), v));
      follow();
      return;
    }
    if (!leading) { // just took over: carry on with the incidents the last leader saved
      leading = true;
      load();
      return;
    }
    List<IncidentPeers.Sighting> sightings = new ArrayList<>();
    sightings.add(new IncidentPeers.Sighting(peers.self(), traffic, List.copyOf(findings.values())));
    sightings.addAll(peers.others());
    Map<IncidentClass, List<Signal>> seen = new EnumMap<>(IncidentClass.class);
    for (IncidentPeers.Sighting s : sightings) {
      traffic |= s.traffic();
      for (Triage.Finding f : s.findings()) {
        openOrUpdate(f, now, s.instance());
        seen.computeIfAbsent(f.incidentClass(), c -> new ArrayList<>()).addAll(f.signals());
      }
    }
    seen.forEach((c, signals) -> open.get(c).observe(signals));
    for (Breaker.View v : views) {
      Incident inc = open.get(v.incidentClass());
      if (inc != null) {
        breakerChanges(inc, lastViews.get(v.incidentClass()), v, now);
      }
      lastViews.put(v.incidentClass(), v);
    }
    for (Incident inc : List.copyOf(open.values())) {
      if (!seen.containsKey(inc.incidentClass)) {
        quiet(inc, traffic, now);
      }
      updateImpact(inc);
      if (!inc.resolved() && (inc.evidenceAt == null || Duration.between(inc.evidenceAt, now).compareTo(EVIDENCE_EVERY) >= 0)) {
        collectEvidence(inc, now); // slow requests are stored only once they end: look again while it lasts
      }
    }
    save();
  }

  /** Not leading: the incidents are the leader's, read from the shared store so this admin API lists them too. */
  private void follow() {
    writer.executeBlocking(() -> {
      List<Incident> loaded = new ArrayList<>();
      for (IncidentRow row : control.incidents(FOLLOWED)) {
        loaded.add(Incident.restore(JSON.readValue(row.doc(), IncidentView.class)));
      }
      return loaded;
    }, true).onSuccess(loaded -> {
      if (leading) {
        return;
      }
      known.clear();
      open.clear();
      for (int i = loaded.size() - 1; i >= 0; i--) {
        Incident inc = loaded.get(i);
        known.put(inc.id, inc);
        if (!inc.resolved()) {
          open.put(inc.incidentClass, inc);
        }
      }
    });
  }

  /** {@code seenBy}: the instance whose tick found it, named on the timeline in a fleet (null alone). */
  private void openOrUpdate(Triage.Finding f, Instant now, String seenBy) {
    String by = seenBy == null ? "" : seenBy + ": ";
    Incident inc = open.get(f.incidentClass());
    if (inc == null) {
      inc = new Incident(nextId(now), f.incidentClass(), now, f.severity(), f.reason(), by + f.signals().get(0).alertLine());
      Breaker.View before = lastViews.get(f.incidentClass());
      inc.interceptionsAtOpen = before == null ? 0 : before.interceptions();
      inc.observedAtOpen = before == null ? 0 : before.observed();
      inc.totalsAtOpen = health.totals();
      for (Signal s : f.signals()) {
        inc.log(now, "alert", by + s.alertLine());
        inc.sighted.add(by + s.key() + "/" + s.level());
      }
      IncidentCatalog.Severity sev = catalog.severities().get(f.severity());
      inc.log(now, "classification", f.incidentClass().name() + " " + f.severity() + " — " + f.reason()
          + " Response: " + sev.response() + " Acknowledge within " + sev.acknowledgeMinutes() + " min.");
      open.put(f.incidentClass(), inc);
      known.put(inc.id, inc);
      trimKnown();
      collectEvidence(inc, now);
      announce(IncidentNotifier.Event.OPENED, inc);
    } else {
      boolean fromThisInstance = Objects.equals(seenBy, peers.self());
      for (Signal s : f.signals()) {
        // This instance's signals are told again when they return; another instance's, once per incident.
        boolean fresh = fromThisInstance
            ? inc.signals.stream().noneMatch(old -> old.key().equals(s.key()) && old.level().equals(s.level()))
            : inc.sighted.add(by + s.key() + "/" + s.level());
        if (fresh) {
          inc.log(now, "alert", by + s.alertLine());
        }
      }
      // IncidentCatalog.SEVERITIES lists the most severe first.
      if (IncidentCatalog.SEVERITIES.indexOf(f.severity()) < IncidentCatalog.SEVERITIES.indexOf(inc.severity)) {
        inc.log(now, "severity", inc.severity + " → " + f.severity() + ": " + f.reason());
        inc.severity = f.severity();
        inc.reason = f.reason();
        announce(IncidentNotifier.Event.SEVERITY_CHANGED, inc);
      }
      if (inc.clearSince != null) {
        inc.log(now, "alert", inc.recoveredAt == null ? "signals returned before the recovery hold ended"
            : "signals returned after recovery");
        inc.clearSince = null;
        inc.recoveredAt = null;
      }
    }
  }

  private void breakerChanges(Incident inc, Breaker.View before, Breaker.View now, Instant at) {
    String c = now.incidentClass().name();
    if (before != null && now.trips() > before.trips()) {
      inc.log(at, "breaker", c + " breaker tripped: " + now.tripReason());
      EVENTS.atWarn().setMessage("breaker tripped").addKeyValue("class", c).addKeyValue("incident_id", inc.id)
          .addKeyValue("reason", now.tripReason()).log();
    }
    if (before != null && !Objects.equals(before.lastModeChange(), now.lastModeChange())) {
      Breaker.ModeChange m = now.lastModeChange();
      inc.log(at, "breaker", m.actor() + " set the " + c + " breaker to " + m.mode().wireName() + ": " + m.reason());
    }
    if (before != null && before.state() != now.state() && now.state() != BreakerState.OPEN) {
      inc.log(at, "breaker", c + " breaker " + now.state().wireName()
          + (now.state() == BreakerState.CLOSED ? ": mitigation lifted" : ": probing the upstream"));
    }
    if (now.mode() == BreakerMode.OBSERVE) {
      observed(inc, now, at);
    } else if (inc.mitigatedAt == null && now.state() == BreakerState.OPEN) {
      inc.mitigatedAt = openSince(now, at);
      inc.mitigation = Mitigations.describe(now.incidentClass(), breakers.config());
      inc.log(at, "mitigation", c + " breaker open — " + inc.mitigation);
      announce(IncidentNotifier.Event.MITIGATED, inc);
    }
    long intercepted = Math.max(0, now.interceptions() - inc.interceptionsAtOpen);
    if (intercepted != inc.intercepted) {
      inc.intercepted = intercepted;
      inc.dirty = true;
    }
  }

  /** Since when it has been open: the trip (or the operator's change), seen up to a tick later. */
  private static Instant openSince(Breaker.View now, Instant at) {
    Instant since = now.mode() == BreakerMode.FORCED_OPEN ? now.lastModeChange().at() : now.lastTripAt();
    return since != null && !since.isAfter(at) ? since : at;
  }

  /** A breaker in observe mode mitigates nothing: the incident says what it would have done, and to how many requests. */
  private void observed(Incident inc, Breaker.View now, Instant at) {
    String c = now.incidentClass().name();
    IncidentView.Observed was = inc.observed;
    String wouldHave = was != null ? was.wouldHave() : Mitigations.describe(now.incidentClass(), breakers.config());
    String openedAt = was != null ? was.breakerOpenedAt() : null;
    if (openedAt == null && now.state() == BreakerState.OPEN) {
      openedAt = openSince(now, at).toString();
      inc.log(at, "observed", c + " breaker open in observe mode — nothing intercepted; it would be " + wouldHave);
    }
    long requests = Math.max(0, now.observed() - inc.observedAtOpen);
    IncidentView.Observed is = new IncidentView.Observed(wouldHave, openedAt, requests);
    if (!is.equals(was)) {
      inc.observed = is;
      inc.dirty = true;
    }
  }

  private void quiet(Incident inc, boolean traffic, Instant now) {
    if (!inc.signals.isEmpty()) {
      inc.observe(List.of());
    }
    // A leak's signal is its breaker, which an operator resets; no traffic is needed to see that.
    if (!traffic && inc.incidentClass != IncidentClass.DATA_INCIDENT) {
      return; // too little traffic to tell recovery from silence
    }
    if (inc.clearSince == null) {
      inc.clearSince = now;
      return;
    }
    if (inc.recoveredAt != null
        || Duration.between(inc.clearSince, now).getSeconds() < catalog.triage().recoveryHoldSeconds()) {
      return;
    }
    inc.recoveredAt = inc.clearSince;
    HealthMetrics.Report report = health.report(health.thresholds().detectionWindowSeconds());
    inc.log(now, "recovered", "no " + inc.incidentClass + " signal for " + catalog.triage().recoveryHoldSeconds()
        + " s; north-star metrics " + report.overall() + " over the last " + report.windowSeconds() + " s");
    if (inc.incidentClass == IncidentClass.DATA_INCIDENT) {
      inc.log(now, "recovered", "a DATA_INCIDENT is resolved by an operator once the leak is understood");
      return;
    }
    resolveNow(inc, now, "gateway", "signals clear for " + catalog.triage().recoveryHoldSeconds() + " s");
  }

  private void resolveNow(Incident inc, Instant now, String by, String why) {
    updateImpact(inc);
    inc.status = "resolved";
    inc.resolvedAt = now;
    inc.resolvedBy = by;
    inc.resolution = why;
    inc.log(now, "resolved", "resolved by " + by + ": " + why);
    open.remove(inc.incidentClass);
    collectEvidence(inc, now);
    announce(IncidentNotifier.Event.RESOLVED, inc);
  }

  private void updateImpact(Incident inc) {
    NorthStarWindow.Totals start = inc.totalsAtOpen;
    if (start == null || inc.resolved()) {
      return; // opened before a restart: impact as saved
    }
    NorthStarWindow.Totals t = health.totals();
    IncidentView.Impact impact = new IncidentView.Impact(t.requests() - start.requests(),
        t.failures() - start.failures(), t.qualityFailures() - start.qualityFailures(), t.costUsd() - start.costUsd());
    if (!impact.equals(inc.impact)) {
      inc.impact = impact;
      inc.dirty = true;
    }
  }

  /** Example traces from before and during, looked up on a worker; the evidence starts one detection window before opening. */
  private void collectEvidence(Incident inc, Instant now) {
    inc.evidenceAt = now;
    Instant start = inc.openedAt.minusSeconds(health.thresholds().detectionWindowSeconds());
    // Reads only: the default worker pool, so the ordered control writer is never held up by them.
    context.owner().executeBlocking(() -> evidence.find(inc.incidentClass, start, inc.openedAt, now.plusSeconds(1)), false)
        .onComplete(ar -> {
      if (ar.succeeded()) {
        IncidentView.Evidence found = ar.result();
        // A later look sees more of the incident, but never forgets examples it already had.
        inc.traces = new IncidentView.Evidence(found.before().isEmpty() ? inc.traces.before() : found.before(),
            found.during().isEmpty() ? inc.traces.during() : found.during());
        inc.dirty = true;
        save();
      } else {
        LOG.log(System.Logger.Level.WARNING, "cannot collect example traces for " + inc.id + ": " + ar.cause());
      }
    });
  }

  /** When the class's fault first showed in the stored traces (null if none did): the postmortem's detection latency. */
  public Future<Instant> onset(IncidentView v) {
    Instant opened = Instant.parse(v.openedAt());
    Instant start = opened.minusSeconds(health.thresholds().detectionWindowSeconds());
    IncidentClass c = IncidentClass.parse(v.incidentClass());
    return context.owner().executeBlocking(() -> evidence.onset(c, start, opened.plusSeconds(1)), false);
  }

  /** A replay finished: every open incident records it (the operator was diagnosing). */
  @Override
  public void replayed(String traceId, gw.gateway.replay.Overrides overrides, gw.gateway.replay.Replayer.Result result) {
    if (context != null) {
      var c = result.comparison();
      context.runOnContext(v -> replayed(new IncidentView.Replay(clock.instant().toString(), traceId,
          c.replay().traceId(), overrides.describe(), c.verdict().wireName(), c.reason(), result.tenant())));
    }
  }

  private void replayed(IncidentView.Replay r) {
    Instant now = Instant.parse(r.at());
    for (Incident inc : open.values()) {
      inc.replays.add(r);
      inc.log(now, "replay", "replay of " + r.traceId() + " with " + r.overrides() + ": " + r.verdict() + " — "
          + r.reason(), r.tenant());
    }
    save();
  }

  public List<IncidentView> list(String status, IncidentClass incidentClass, int limit) {
    List<IncidentView> out = new ArrayList<>();
    List<Incident> all = new ArrayList<>(known.values());
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      Incident inc = all.get(i);
      if ((status == null || status.equals(inc.status)) && (incidentClass == null || incidentClass == inc.incidentClass)) {
        out.add(inc.view());
      }
    }
    return out;
  }

  public Optional<IncidentView> get(String id) {
    return Optional.ofNullable(known.get(id)).map(Incident::view);
  }

  /** Like {@link #get}, and beyond the incidents kept in memory, from {@code control.db}. */
  public Future<Optional<IncidentView>> lookup(String id) {
    Optional<IncidentView> kept = get(id);
    if (kept.isPresent()) {
      return Future.succeededFuture(kept);
    }
    return writer.executeBlocking(() -> {
      Optional<IncidentRow> row = control.incident(id);
      return row.isEmpty() ? Optional.<IncidentView>empty()
          : Optional.of(JSON.readValue(row.get().doc(), IncidentView.class));
    }, true);
  }

  /** Why an operator's action cannot apply to this incident now, or null when it can. */
  public String refusal(String id, String action) {
    Incident inc = known.get(id);
    if (inc == null || inc.resolved()) { // only resolved incidents leave memory
      return id + " is already resolved";
    }
    return action.equals("acknowledge") && inc.acknowledgedAt != null
        ? id + " was already acknowledged by " + inc.acknowledgedBy : null;
  }

  public void acknowledge(String id, String actor, String note) {
    Incident inc = known.get(id);
    Instant now = clock.instant();
    inc.status = "acknowledged";
    inc.acknowledgedAt = now;
    inc.acknowledgedBy = actor;
    inc.log(now, "acknowledged", actor + ": " + note);
    save();
  }

  public void resolve(String id, String actor, String reason) {
    resolveNow(known.get(id), clock.instant(), actor, reason);
    save();
  }

  private String nextId(Instant now) {
    int y = now.atZone(ZoneOffset.UTC).getYear();
    if (y != year) {
      year = y;
      sequence = 0;
    }
    sequence++;
    return String.format("INC-%d-%04d", year, sequence);
  }

  private void trimKnown() {
    var it = known.entrySet().iterator();
    while (known.size() > KEPT && it.hasNext()) {
      if (it.next().getValue().resolved()) {
        it.remove();
      }
    }
  }

  /** Writes changed incidents; one that could not be written (a full disk) is tried again at the next tick. */
  private void save() {
    for (Incident inc : known.values()) {
      if (inc.dirty) {
        inc.dirty = false;
        IncidentRow row = row(inc.view());
        writer.executeBlocking(() -> {
          control.saveIncident(row);
          return null;
        }, true).onSuccess(v -> saveFailures.succeeded()).onFailure(e -> {
          inc.dirty = true;
          saveFailures.failed("incident " + row.id() + ": " + e.getMessage() + "; tried again every tick");
        });
      }
    }
  }

  private static IncidentRow row(IncidentView v) {
    try {
      return new IncidentRow(v.id(), v.incidentClass(), v.status(), Instant.parse(v.openedAt()).toEpochMilli(),
          JSON.writeValueAsString(v));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("incident " + v.id() + " cannot be written as JSON", e);
    }
  }
}
