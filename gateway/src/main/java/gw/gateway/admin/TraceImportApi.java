package gw.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.replay.ImportedTraces;
import gw.gateway.replay.ReplayIdentities;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import gw.traces.redact.Redactor;
import gw.traces.store.TraceStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /admin/traces/import} with {@code {"traces": [trace records], "reason": "..."}}
 * (maintainer): adds records to the trace history, each marked with the action {@code imported},
 * only into tenants that have a gateway key (a tenant-scoped token: its own). Each tenant's import
 * is audited before anything is stored; records already stored are left as they are.
 */
final class TraceImportApi {
  private final Redactor redactor;
  static final int MAX_RECORDS = 1_000;
  private final TraceStore store;
  private final ReplayIdentities known;
  private final AuditLog audit;

  TraceImportApi(TraceStore store, ReplayIdentities known, AuditLog audit, Redactor redactor) {
    this.redactor = redactor;
    this.store = store;
    this.known = known;
    this.audit = audit;
  }

  private record Batch(Map<String, List<TraceRecord>> byTenant, List<String> present, String reason) {}

  void importTraces(RoutingContext ctx) {
    AdminToken caller = AdminAuth.caller(ctx);
    String text = ctx.body().asString();
    // Up to 32 MiB of records are parsed and validated on a worker, never on the event loop.
    ctx.vertx().executeBlocking(() -> batch(request(text, caller)), false).onComplete(parsed -> {
      if (parsed.failed()) {
        if (parsed.cause() instanceof OutOfScope) {
          AdminResponses.error(ctx, 403, "tenant_scoped_token", parsed.cause().getMessage());
        } else if (parsed.cause() instanceof ReasonRequired) {
          AdminResponses.error(ctx, 400, "reason_required", "Say why in \"reason\": every import is audited.");
        } else {
          AdminResponses.error(ctx, 400, "invalid_import", "Invalid trace import: " + parsed.cause().getMessage());
        }
        return;
      }
      Batch batch = parsed.result();
      recordAll(caller, batch)
          .compose(v -> ctx.vertx().executeBlocking(() -> answer(batch), false))
          .onComplete(ar -> {
            if (ar.succeeded()) {
              AdminResponses.json(ctx, 200, ar.result().toBuffer());
            } else {
              AdminResponses.error(ctx, 500, "import_failed", "Trace import failed: " + ar.cause().getMessage());
            }
          });
    });
  }

  private record Request(List<TraceRecord> records, String reason) {}

  private static final class ReasonRequired extends RuntimeException {
    ReasonRequired() {
      super(null, null, false, false);
    }
  }

  /** Blocking: the body's records, each valid and the caller's to import. */
  private Request request(String text, AdminToken caller) throws Exception {
    JsonNode body = AdminResponses.SNAKE_JSON.readTree(text);
    if (body == null || !body.path("traces").isArray() || body.get("traces").isEmpty()) {
      throw new IllegalArgumentException("send {\"traces\": [trace records], \"reason\": \"why\"}");
    }
    if (body.get("traces").size() > MAX_RECORDS) {
      throw new IllegalArgumentException("at most " + MAX_RECORDS + " records per import; send the rest in another");
    }
    String reason = body.path("reason").isTextual() ? body.get("reason").asText().trim() : "";
    List<TraceRecord> records = records(body.get("traces"), caller);
    if (reason.isEmpty()) {
      throw new ReasonRequired();
    }
    return new Request(records, reason);
  }

  /** Every record valid and the caller's to import, or the first that is not. */
  private List<TraceRecord> records(JsonNode traces, AdminToken caller) throws Exception {
    List<TraceRecord> records = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode t : traces) {
      TraceRecord r = TraceJson.MAPPER.treeToValue(t, TraceRecord.class);
      TraceValidator.requireValid(r);
      if (caller.tenant() != null && !caller.tenant().equals(r.tenant())) {
        throw new OutOfScope(ImportedTraces.refusal(r, known, caller.tenant()));
      }
      String refusal = ImportedTraces.refusal(r, known, null);
      if (refusal != null) {
        throw new IllegalArgumentException(refusal);
      }
      if (!ids.add(r.traceId())) {
        throw new IllegalArgumentException("trace " + r.traceId() + " is given twice");
      }
      records.add(r);
    }
    return records;
  }

  /** Blocking: which records are new, by tenant. */
  private Batch batch(Request request) {
    List<TraceRecord> records = request.records();
    Map<String, List<TraceRecord>> byTenant = new LinkedHashMap<>();
    List<String> present = new ArrayList<>();
    for (TraceRecord r : records) {
      if (store.findById(r.traceId()).isPresent()) {
        present.add(r.traceId());
      } else {
        byTenant.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).add(r);
      }
    }
    return new Batch(byTenant, present, request.reason());
  }

  /** One audit entry per tenant, all written before any record is stored. */
  private Future<Void> recordAll(AdminToken caller, Batch batch) {
    List<Future<Long>> written = new ArrayList<>();
    batch.byTenant().forEach((tenant, records) -> written.add(audit.tracesImported(caller, tenant,
        records.stream().map(TraceRecord::traceId).toList(), batch.reason())));
    return Future.all(written).mapEmpty();
  }

  /** Blocking: stores the new records and says which are now stored. */
  private JsonObject answer(Batch batch) {
    List<TraceRecord> fresh = batch.byTenant().values().stream().flatMap(List::stream).toList();
    Set<String> stored = ImportedTraces.store(store, redactor, fresh);
    JsonArray failed = new JsonArray();
    fresh.stream().map(TraceRecord::traceId).filter(id -> !stored.contains(id)).forEach(failed::add);
    return new JsonObject().put("object", "trace_import").put("imported", new JsonArray(List.copyOf(stored)))
        .put("already_present", new JsonArray(batch.present())).put("failed", failed);
  }
}
