package gw.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.replay.BulkReplays;
import gw.gateway.replay.Overrides;
import gw.gateway.replay.ReplayTable;
import gw.gateway.replay.Replayer;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import gw.traces.compare.TraceComparison;
import gw.traces.store.TraceStore;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/replay} with {@code {"trace_id": "...", "overrides": {"model", "prompt_version",
 * "temperature", "max_tokens"}}} (operator): replays the trace through the full pipeline and answers
 * with the side-by-side comparison and its verdict. Every replay is audited with its outcome.
 */
final class ReplayApi {
  private static final ObjectMapper JSON = AdminResponses.SNAKE_JSON;
  private static final int DEFAULT_CONCURRENCY = 4;
  private final Replayer replayer;
  private final BulkReplays bulk = new BulkReplays();
  private final TraceStore store;
  private final AuditLog audit;

  ReplayApi(Replayer replayer, TraceStore store, AuditLog audit) {
    this.replayer = replayer;
    this.store = store;
    this.audit = audit;
  }

  /**
   * What a job replays: the trace ids, the inline records among them (never stored), where they came
   * from, the tenant they all belong to (null when they span tenants), with which overrides.
   */
  private record Plan(List<String> ids, Map<String, TraceRecord> inline, String source, String tenant,
      Overrides overrides, int concurrency) {}

  /**
   * {@code POST /admin/replay/jobs}: {@code {"trace_ids": [...]} | {"filter": {trace query}} |
   * {"traces": [trace records]}}, {@code "overrides"}, {@code "concurrency"} (1..16, default 4).
   * Inline records are validated and replayed as they are, but not stored: only a maintainer's
   * import ({@code POST /admin/traces/import}) adds records to a tenant's history.
   */
  void startJob(RoutingContext ctx) {
    AdminToken caller = AdminAuth.caller(ctx);
    String text = ctx.body().asString();
    // Up to 32 MiB of inline records are parsed and validated on a worker, never on the event loop.
    ctx.vertx().executeBlocking(() -> plan(text, caller), false).onComplete(ar -> {
      if (ar.failed()) {
        refused(ctx, ar.cause());
        return;
      }
      Plan plan = ar.result();
      BulkReplays.Job job = bulk.prepare(plan.ids(), plan.overrides(), plan.concurrency(), caller.tenant());
      audit.replayJobStarted(caller, job, plan.source(), plan.tenant()).onComplete(written -> {
        if (written.failed()) {
          AdminResponses.error(ctx, 500, "audit_failed", "Nothing was replayed: the job could not be recorded ("
              + written.cause().getMessage() + ").");
          return;
        }
        bulk.start(job, id -> run(caller, id, plan.inline().get(id), plan.overrides(), job.id));
        AdminResponses.json(ctx, 202, Buffer.buffer(jobJson(job).toString()));
      });
    });
  }

  void job(RoutingContext ctx) {
    BulkReplays.Job job = bulk.get(ctx.pathParam("id"));
    String scope = AdminAuth.caller(ctx).tenant();
    if (job == null || (scope != null && !scope.equals(job.tenantScope()))) {
      AdminResponses.error(ctx, 404, "unknown_job", "No replay job " + ctx.pathParam("id")
          + " (jobs are kept in memory, the newest 50)");
      return;
    }
    AdminResponses.json(ctx, 200, Buffer.buffer(jobJson(job).toString()));
  }

  /** Blocking: parses the request and may query the store. */
  private Plan plan(String text, AdminToken caller) throws Exception {
    JsonNode body = JSON.readTree(text);
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("send an object with trace_ids, filter or traces");
    }
    Overrides overrides = Overrides.fromJson(body.get("overrides"));
    int concurrency = body.path("concurrency").asInt(DEFAULT_CONCURRENCY);
    List<String> ids = new ArrayList<>();
    Map<String, TraceRecord> inline = new LinkedHashMap<>();
    String source;
    if (body.path("trace_ids").isArray()) {
      source = "trace_ids";
      body.get("trace_ids").forEach(id -> ids.add(id.asText()));
    } else if (body.path("filter").isObject()) {
      source = "filter";
      MultiMap params = MultiMap.caseInsensitiveMultiMap();
      body.get("filter").fields().forEachRemaining(e -> params.add(e.getKey(), e.getValue().asText()));
      store.query(TraceQueries.from(params, caller)).items().forEach(t -> ids.add(t.traceId()));
    } else if (body.path("traces").isArray()) {
      source = "traces";
      for (JsonNode t : body.get("traces")) {
        TraceRecord record = TraceJson.MAPPER.treeToValue(t, TraceRecord.class);
        TraceValidator.requireValid(record);
        if (caller.tenant() != null && !caller.tenant().equals(record.tenant())) {
          throw new OutOfScope("trace " + record.traceId() + " belongs to tenant " + record.tenant()
              + "; this token may only replay tenant " + caller.tenant());
        }
        if (inline.put(record.traceId(), record) != null) {
          throw new IllegalArgumentException("trace " + record.traceId() + " is given twice");
        }
        ids.add(record.traceId());
      }
    } else {
      source = "none";
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no traces to replay: give trace_ids, a filter that matches, or traces");
    }
    List<String> tenants = inline.values().stream().map(TraceRecord::tenant).distinct().toList();
    String tenant = caller.tenant() != null ? caller.tenant() : tenants.size() == 1 ? tenants.get(0) : null;
    return new Plan(ids, inline, source, tenant, overrides, concurrency);
  }

  /**
   * One replay, stored trace or inline record, audited with its outcome before it is answered; a
   * replay whose audit entry cannot be written fails.
   */
  private Future<Replayer.Result> run(AdminToken caller, String traceId, TraceRecord inline, Overrides overrides,
      String jobId) {
    Future<TraceRecord> original = inline != null ? Future.succeededFuture(inline)
        : replayer.find(traceId, caller.tenant());
    return original.transform(found -> {
      Future<Replayer.Result> replayed = found.succeeded() ? replayer.replay(found.result(), overrides)
          : Future.failedFuture(found.cause());
      String tenant = found.succeeded() ? found.result().tenant() : caller.tenant();
      return replayed.transform(outcome -> audit.replayed(caller, traceId, tenant, overrides, jobId, inline != null,
          outcome).transform(written -> written.failed()
              ? Future.failedFuture(new IllegalStateException("the replay ran but could not be audited ("
                  + written.cause().getMessage() + ")"))
              : outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause())));
    });
  }

  private static ObjectNode jobJson(BulkReplays.Job job) {
    ObjectNode out = JSON.createObjectNode().put("object", "replay_job").put("id", job.id)
        .put("status", job.finished() ? "finished" : "running").put("created_at", job.createdAt.toString())
        .put("total", job.traceIds.size()).put("done", job.done()).put("concurrency", job.concurrency);
    out.set("overrides", JSON.valueToTree(job.overrides));
    Map<String, Integer> summary = job.summary();
    out.set("summary", JSON.valueToTree(summary));
    out.set("rows", JSON.valueToTree(job.rows()));
    out.put("table", ReplayTable.render(job.rows(), summary));
    return out;
  }

  void replay(RoutingContext ctx) {
    JsonNode body;
    Overrides overrides;
    try {
      body = JSON.readTree(ctx.body().asString());
      if (body == null || !body.path("trace_id").isTextual()) {
        throw new IllegalArgumentException("send {\"trace_id\": \"...\", \"overrides\": {...}}");
      }
      overrides = Overrides.fromJson(body.get("overrides"));
    } catch (Exception e) {
      AdminResponses.error(ctx, 400, "invalid_replay", "Invalid replay request: " + e.getMessage());
      return;
    }
    run(AdminAuth.caller(ctx), body.get("trace_id").asText(), null, overrides, null).onComplete(ar -> {
      if (ar.succeeded()) {
        AdminResponses.json(ctx, 200, Buffer.buffer(wire(ar.result()).toString()));
      } else if (ar.cause() instanceof Replayer.NotFound) {
        AdminResponses.error(ctx, 404, "trace_not_found", ar.cause().getMessage());
      } else if (ar.cause() instanceof Overrides.NotApplicable refused) {
        AdminResponses.error(ctx, 400, refused.code(), refused.param(), refused.getMessage());
      } else if (ar.cause() instanceof IllegalArgumentException) {
        AdminResponses.error(ctx, 400, "not_replayable", ar.cause().getMessage());
      } else {
        AdminResponses.error(ctx, 500, "replay_failed", "Replay failed: " + ar.cause().getMessage());
      }
    });
  }

  /** A refused job: another tenant's records (403), or a request that names no replayable traces (400). */
  private static void refused(RoutingContext ctx, Throwable cause) {
    if (cause instanceof OutOfScope) {
      AdminResponses.error(ctx, 403, "tenant_scoped_token", cause.getMessage());
    } else {
      AdminResponses.error(ctx, 400, "invalid_replay", "Invalid bulk replay request: " + cause.getMessage());
    }
  }

  static ObjectNode wire(Replayer.Result r) {
    TraceComparison c = r.comparison();
    ObjectNode out = JSON.createObjectNode().put("object", "replay");
    out.put("verdict", c.verdict().wireName()).put("reason", c.reason()).put("status", r.status())
        .put("replayed_redacted_content", r.redactedContent()).put("ran_as_key", r.ranAs());
    out.set("original", JSON.valueToTree(c.original()));
    out.set("replay", JSON.valueToTree(c.replay()));
    out.set("notes", JSON.valueToTree(r.notes()));
    return out;
  }
}
