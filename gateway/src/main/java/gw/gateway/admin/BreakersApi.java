package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.policy.breaker.Breakers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /admin/breakers[/{class}]} and {@code POST /admin/breakers/{class}} with
 * {@code {"mode": "auto" | "observe" | "forced_open" | "forced_closed", "reason": "..."}}. A change is first made
 * durable (mode and audit entry, one ordered worker), then applied, then answered.
 */
final class BreakersApi {
  private final Breakers breakers;
  private final AuditLog audit;
  private final Clock clock;

  BreakersApi(Breakers breakers, AuditLog audit, Clock clock) {
    this.breakers = breakers;
    this.audit = audit;
    this.clock = clock;
  }

  void list(RoutingContext ctx) {
    JsonArray data = new JsonArray();
    breakers.views().forEach(v -> data.add(json(v)));
    AdminResponses.json(ctx, 200, new JsonObject().put("object", "list").put("data", data).toBuffer());
  }

  void get(RoutingContext ctx) {
    IncidentClass c = incidentClass(ctx);
    if (c != null) {
      AdminResponses.json(ctx, 200, json(breakers.get(c).view()).toBuffer());
    }
  }

  void setMode(RoutingContext ctx) {
    IncidentClass c = incidentClass(ctx);
    if (c == null) {
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null) {
      AdminResponses.error(ctx, 400, "invalid_body", "Send a JSON object {\"mode\": \"auto\" | \"observe\" | "
          + "\"forced_open\" | \"forced_closed\", \"reason\": \"why\"}.");
      return;
    }
    BreakerMode mode;
    try {
      mode = BreakerMode.parse(String.valueOf(body.getValue("mode")));
    } catch (IllegalArgumentException e) {
      AdminResponses.error(ctx, 400, "invalid_mode", e.getMessage() + ".");
      return;
    }
    Object reasonValue = body.getValue("reason");
    String reason = reasonValue instanceof String s ? s.trim() : "";
    if (reason.isEmpty()) {
      AdminResponses.error(ctx, 400, "reason_required", "Say why in \"reason\": every breaker change is audited.");
      return;
    }
    AdminToken caller = AdminAuth.caller(ctx);
    Breaker breaker = breakers.get(c);
    Breaker.ModeChange change = new Breaker.ModeChange(mode, reason, caller.name(), clock.instant());
    audit.breakerModeChanged(caller, c, breaker.mode(), change).onComplete(ar -> {
      if (ar.failed()) {
        AdminResponses.error(ctx, 500, "audit_failed", "The change was not applied: it could not be recorded ("
            + ar.cause().getMessage() + ").");
        return;
      }
      breakers.change(c, change);
      AdminResponses.json(ctx, 200, json(breaker.view()).put("audit_id", ar.result()).toBuffer());
    });
  }

  private static IncidentClass incidentClass(RoutingContext ctx) {
    try {
      return IncidentClass.parse(ctx.pathParam("class"));
    } catch (IllegalArgumentException e) {
      AdminResponses.error(ctx, 404, "unknown_breaker", e.getMessage() + ".");
      return null;
    }
  }

  static JsonObject json(Breaker.View v) {
    Breaker.ModeChange m = v.lastModeChange();
    JsonObject lastChange = m.at() == null ? null : new JsonObject(Map.of(
        "mode", m.mode().wireName(), "reason", m.reason(), "actor", m.actor(), "at", m.at().toString()));
    return new JsonObject()
        .put("class", v.incidentClass().name())
        .put("mode", v.mode().wireName())
        .put("state", v.state().wireName())
        .put("auto_state", v.autoState().wireName())
        .put("trip_reason", v.tripReason())
        .put("trips", v.trips())
        .put("last_trip_at", v.lastTripAt() == null ? null : v.lastTripAt().toString())
        .put("interceptions", v.interceptions())
        .put("observed", v.observed())
        .put("last_mode_change", lastChange);
  }
}
