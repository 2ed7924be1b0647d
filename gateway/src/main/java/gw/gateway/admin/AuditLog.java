package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.replay.BulkReplays;
import gw.gateway.replay.Overrides;
import gw.gateway.replay.Replayer;
import gw.gateway.state.AuditEntry;
import gw.gateway.state.AuditQuery;
import gw.gateway.state.BreakerModeRow;
import gw.gateway.state.ControlStore;
import io.vertx.core.AsyncResult;
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

  /** Records chaos set on or cleared from the embedded mock LLM; completes with the entry id. */
  Future<Long> chaosChanged(AdminToken caller, String action, String spec) {
    return append(caller, action, "mock/chaos", null, spec == null ? Map.of() : Map.of("spec", spec), null);
  }

  /** Records an operator's acknowledge or resolve of an incident; completes with the entry id. */
  Future<Long> incidentAction(AdminToken caller, String action, String incidentId, String reason) {
    return append(caller, action, "incident/" + incidentId, reason, Map.of(), null);
  }

  /**
   * Records one replay and how it ended: {@code tenant} is the original's (null when it was not
   * found and the caller is not scoped), {@code jobId} null for a single replay.
   */
  Future<Long> replayed(AdminToken caller, String traceId, String tenant, Overrides overrides, String jobId,
      boolean inline, AsyncResult<Replayer.Result> outcome) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("overrides", overrides.describe());
    details.put("job", jobId);
    details.put("inline_record", inline);
    if (outcome.succeeded()) {
      Replayer.Result r = outcome.result();
      details.put("outcome", r.comparison().verdict().wireName());
      details.put("status", r.status());
      details.put("replay_trace_id", r.comparison().replay().traceId());
      details.put("ran_as_key", r.ranAs());
    } else {
      details.put("outcome", "failed");
      details.put("error", outcome.cause().getMessage());
    }
    return append(caller, "replay.run", "trace/" + traceId, null, details, tenant);
  }

  /** Records a bulk replay before any of it runs; {@code tenant} null when it spans tenants. */
  Future<Long> replayJobStarted(AdminToken caller, BulkReplays.Job job, String source, String tenant) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", source);
    details.put("traces", job.traceIds.size());
    details.put("overrides", job.overrides.describe());
    details.put("concurrency", job.concurrency);
    return append(caller, "replay.job", "replay_job/" + job.id, null, details, tenant);
  }

  /** Records trace records imported into one tenant's history, before they are stored. */
  Future<Long> tracesImported(AdminToken caller, String tenant, List<String> traceIds, String reason) {
    return append(caller, "traces.import", "tenant/" + tenant, reason, Map.of("trace_ids", traceIds), tenant);
  }

  private Future<Long> append(AdminToken caller, String action, String target, String reason,
      Map<String, Object> details, String tenant) {
    return ordered.executeBlocking(() -> store.appendAudit(new AuditEntry.Draft(clock.instant(), caller.name(),
        caller.role(), action, target, reason, details, tenant)).id(), true);
  }

  Future<List<AuditEntry>> query(AuditQuery query) {
    return ordered.executeBlocking(() -> store.audit(query), false);
  }
}
