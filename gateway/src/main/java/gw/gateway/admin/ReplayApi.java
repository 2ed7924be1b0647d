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
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /admin/replay} with {@code {"trace_id": "...", "overrides": {"model", "prompt_version",
 * "temperature", "max_tokens"}}} (operator): replays the trace through the full pipeline and answers
 * with the side-by-side comparison and its verdict.
 */
final class ReplayApi {
  private static final ObjectMapper JSON = AdminResponses.SNAKE_JSON;
  private static final int DEFAULT_CONCURRENCY = 4;
  private final Replayer replayer;
  private final BulkReplays bulk;
  private final TraceStore store;

  ReplayApi(Replayer replayer, TraceStore store) {
    this.replayer = replayer;
    this.bulk = new BulkReplays(replayer);
    this.store = store;
  }

  /**
   * {@code POST /admin/replay/jobs}: {@code {"trace_ids": [...]} | {"filter": {trace query}} |
   * {"traces": [trace records]}}, {@code "overrides"}, {@code "concurrency"} (1..16, default 4).
   * Inline traces are validated and stored first (how the CLI replays a directory of files).
   */
  void startJob(RoutingContext ctx) {
    JsonNode body;
    Overrides overrides;
    int concurrency;
    try {
      body = JSON.readTree(ctx.body().asString());
      if (body == null || !body.isObject()) {
        throw new IllegalArgumentException("send an object with trace_ids, filter or traces");
      }
      overrides = Overrides.fromJson(body.get("overrides"));
      concurrency = body.path("concurrency").asInt(DEFAULT_CONCURRENCY);
    } catch (Exception e) {
      AdminResponses.error(ctx, 400, "invalid_replay", "Invalid bulk replay request: " + e.getMessage());
      return;
    }
    AdminToken caller = AdminAuth.caller(ctx);
    ctx.vertx().executeBlocking(() -> traceIds(body, caller), false).onComplete(ar -> {
      if (ar.failed()) {
        AdminResponses.error(ctx, 400, "invalid_replay", "Invalid bulk replay request: " + ar.cause().getMessage());
        return;
      }
      BulkReplays.Job job = bulk.start(ar.result(), overrides, concurrency, caller.tenant());
      AdminResponses.json(ctx, 202, Buffer.buffer(jobJson(job).toString()));
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

  /** Blocking: may query or write the store. */
  private List<String> traceIds(JsonNode body, AdminToken caller) throws Exception {
    List<String> ids = new ArrayList<>();
    if (body.path("trace_ids").isArray()) {
      body.get("trace_ids").forEach(id -> ids.add(id.asText()));
    } else if (body.path("filter").isObject()) {
      MultiMap params = MultiMap.caseInsensitiveMultiMap();
      body.get("filter").fields().forEachRemaining(e -> params.add(e.getKey(), e.getValue().asText()));
      store.query(TraceQueries.from(params, caller)).items().forEach(t -> ids.add(t.traceId()));
    } else if (body.path("traces").isArray()) {
      for (JsonNode t : body.get("traces")) {
        TraceRecord record = TraceJson.MAPPER.treeToValue(t, TraceRecord.class);
        TraceValidator.requireValid(record);
        if (caller.tenant() != null && !caller.tenant().equals(record.tenant())) {
          throw new IllegalArgumentException("trace " + record.traceId() + " belongs to tenant " + record.tenant()
              + "; this token may only replay tenant " + caller.tenant());
        }
        store.offer(record);
        ids.add(record.traceId());
      }
      store.flush();
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no traces to replay: give trace_ids, a filter that matches, or traces");
    }
    return ids;
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
    replayer.replay(body.get("trace_id").asText(), overrides, AdminAuth.caller(ctx).tenant()).onComplete(ar -> {
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

  static ObjectNode wire(Replayer.Result r) {
    TraceComparison c = r.comparison();
    ObjectNode out = JSON.createObjectNode().put("object", "replay");
    out.put("verdict", c.verdict().wireName()).put("reason", c.reason()).put("status", r.status())
        .put("replayed_redacted_content", r.redactedContent());
    out.set("original", JSON.valueToTree(c.original()));
    out.set("replay", JSON.valueToTree(c.replay()));
    out.set("notes", JSON.valueToTree(r.notes()));
    return out;
  }
}
