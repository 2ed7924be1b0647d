package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.state.AuditEntry;
import gw.gateway.state.AuditQuery;
import gw.gateway.state.BreakerModeRow;
import gw.gateway.state.ControlStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin actions made durable in order: every write goes through one worker thread, so the audit
 * log's order is the order in which changes took effect, and no event loop touches the disk.
 */
public final class AuditLog {
  private final ControlStore store;
  private final WorkerExecutor ordered;
  private final Clock clock;

  public AuditLog(ControlStore store, WorkerExecutor ordered, Clock clock) {
    this.store = store;
    this.ordered = ordered;
    this.clock = clock;
  }

  /** Records the change and the breaker's new mode; completes with the audit entry's id. */
  Future<Long> breakerModeChanged(AdminToken caller, IncidentClass c, BreakerMode from, Breaker.ModeChange change) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", from.wireName());
    details.put("to", change.mode().wireName());
    return ordered.executeBlocking(() -> store.recordBreakerModeChange(new AuditEntry.Draft(change.at(), caller.name(),
        caller.role(), "breaker.set_mode", "breaker/" + c.name(), change.reason(), details),
        new BreakerModeRow(c.name(), change.mode().wireName(), change.reason(), change.actor(), change.at())).id(), true);
  }

  /** Records a prompt change and the prompt's new state in one transaction; completes with the entry id. */
  Future<Long> promptChanged(AdminToken caller, String action, String promptId, String reason,
      Map<String, Object> details, String newStateJson) {
    return ordered.executeBlocking(() -> store.recordPromptChange(new AuditEntry.Draft(clock.instant(),
        caller.name(), caller.role(), action, "prompt/" + promptId, reason, details), promptId, newStateJson).id(), true);
  }

  /** Records an operator's acknowledge or resolve of an incident; completes with the entry id. */
  Future<Long> incidentAction(AdminToken caller, String action, String incidentId, String reason) {
    return ordered.executeBlocking(() -> store.appendAudit(new AuditEntry.Draft(clock.instant(), caller.name(),
        caller.role(), action, "incident/" + incidentId, reason, Map.of())).id(), true);
  }

  Future<List<AuditEntry>> query(AuditQuery query) {
    return ordered.executeBlocking(() -> store.audit(query), false);
  }
}
