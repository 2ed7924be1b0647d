package gw.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.incident.IncidentClass;
import gw.gateway.incident.IncidentEngine;
import gw.gateway.incident.IncidentView;
import gw.gateway.incident.Postmortem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /admin/incidents[/{id}]}, {@code POST /admin/incidents/{id}/acknowledge|resolve} with a
 * note or reason (audited first, then applied), and {@code GET /admin/incidents/{id}/postmortem}:
 * the Markdown draft of a resolved incident. A tenant-scoped token reads them through
 * {@link ScopedIncidents}.
 */
final class IncidentsApi {
  private static final List<String> STATUSES = List.of("open", "acknowledged", "resolved");
  private final IncidentEngine engine;
  private final AuditLog audit;

  IncidentsApi(IncidentEngine engine, AuditLog audit) {
    this.engine = engine;
    this.audit = audit;
  }

  void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status != null && !STATUSES.contains(status)) {
      AdminResponses.error(ctx, 400, "invalid_status", "status is '" + status + "'; use one of " + STATUSES + ".");
      return;
    }
    IncidentClass c = null;
    String cls = ctx.queryParams().get("class");
    try {
      c = cls == null ? null : IncidentClass.parse(cls);
    } catch (IllegalArgumentException e) {
      AdminResponses.error(ctx, 400, "invalid_class", e.getMessage() + ".");
      return;
    }
    int limit;
    try {
      limit = Integer.parseInt(Optional.ofNullable(ctx.queryParams().get("limit")).orElse("50"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > 500) {
      AdminResponses.error(ctx, 400, "invalid_limit", "limit must be a whole number from 1 to 500.");
      return;
    }
    String scope = AdminAuth.caller(ctx).tenant();
    json(ctx, 200, Map.of("object", "list", "data",
        engine.list(status, c, limit).stream().map(v -> ScopedIncidents.view(v, scope)).toList()));
  }

  void get(RoutingContext ctx) {
    withIncident(ctx, v -> json(ctx, 200, v));
  }

  void acknowledge(RoutingContext ctx) {
    act(ctx, "acknowledge", "note");
  }

  void resolve(RoutingContext ctx) {
    act(ctx, "resolve", "reason");
  }

  void postmortem(RoutingContext ctx) {
    withIncident(ctx, v -> {
      if (!"resolved".equals(v.status())) {
        AdminResponses.error(ctx, 409, "incident_not_resolved", v.id() + " is " + v.status()
            + "; its postmortem draft is written once it is resolved (POST /admin/incidents/" + v.id() + "/resolve).");
        return;
      }
      engine.onset(v).onComplete(ar -> {
        Instant onset = ar.succeeded() ? ar.result() : null;
        ctx.response().putHeader("Content-Type", "text/markdown; charset=utf-8")
            .end(Postmortem.render(v, engine.catalog(), onset));
      });
    });
  }

  private void act(RoutingContext ctx, String action, String field) {
    withIncident(ctx, v -> {
      JsonObject body;
      try {
        body = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        body = null;
      }
      Object value = body == null ? null : body.getValue(field);
      String text = value instanceof String s ? s.trim() : "";
      if (text.isEmpty()) {
        AdminResponses.error(ctx, 400, field + "_required", "Send {\"" + field + "\": \"...\"}: every incident action is audited.");
        return;
      }
      if (!engine.leads()) {
        AdminResponses.error(ctx, 409, "not_incident_leader", v.id() + " is handled by the leading instance "
            + engine.incidentLeader() + ": send the " + action + " to its admin API (GET /admin/health names it).");
        return;
      }
      String refusal = engine.refusal(v.id(), action);
      if (refusal != null) {
        AdminResponses.error(ctx, 409, "incident_" + v.status(), refusal + ".");
        return;
      }
      AdminToken caller = AdminAuth.caller(ctx);
      audit.incidentAction(caller, "incident." + action, v.id(), text).onComplete(ar -> {
        if (ar.failed()) {
          AdminResponses.error(ctx, 500, "audit_failed", "Nothing was changed: the action could not be recorded ("
              + ar.cause().getMessage() + ").");
          return;
        }
        String late = engine.refusal(v.id(), action); // resolved by the gateway while the audit entry was written
        if (late != null) {
          AdminResponses.error(ctx, 409, "incident_resolved", late + ".");
          return;
        }
        if (action.equals("acknowledge")) {
          engine.acknowledge(v.id(), caller.name(), text);
        } else {
          engine.resolve(v.id(), caller.name(), text);
        }
        json(ctx, 200, engine.get(v.id()).orElseThrow());
      });
    });
  }

  /** The incident as the caller may see it ({@link ScopedIncidents}). */
  private void withIncident(RoutingContext ctx, java.util.function.Consumer<IncidentView> then) {
    String id = ctx.pathParam("id");
    String scope = AdminAuth.caller(ctx).tenant();
    engine.lookup(id).map(found -> found.map(v -> ScopedIncidents.view(v, scope))).onComplete(ar -> {
      if (ar.failed()) {
        AdminResponses.error(ctx, 500, "state_unreadable", "Incident " + id + " could not be read: "
            + ar.cause().getMessage());
      } else {
        ar.result().ifPresentOrElse(then, () -> AdminResponses.error(ctx, 404, "unknown_incident",
            "No incident " + id + " (GET /admin/incidents lists them)."));
      }
    });
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    try {
      AdminResponses.json(ctx, status, Buffer.buffer(AdminResponses.SNAKE_JSON.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      AdminResponses.error(ctx, 500, "encoding_failed", "The answer could not be written as JSON: " + e.getMessage());
    }
  }
}
