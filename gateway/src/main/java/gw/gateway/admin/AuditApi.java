package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.state.AuditEntry;
import gw.gateway.state.AuditQuery;
import gw.traces.TraceJson;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/audit?actor=&action=&target=&tenant=&since=<ISO instant>&before=<id>&limit=} —
 * newest first; {@code next_before} pages on. A tenant-scoped token sees only the entries about its
 * tenant (its replays and imports, and others' on its traces), never the gateway-wide ones.
 */
final class AuditApi {
  private static final int DEFAULT_LIMIT = 100;
  private final AuditLog audit;

  AuditApi(AuditLog audit) {
    this.audit = audit;
  }

  void list(RoutingContext ctx) {
    AuditQuery query;
    try {
      query = query(ctx.queryParams(), AdminAuth.caller(ctx));
    } catch (IllegalArgumentException e) {
      AdminResponses.error(ctx, 400, "invalid_query", e.getMessage());
      return;
    }
    audit.query(query).onComplete(ar -> {
      if (ar.failed()) {
        AdminResponses.error(ctx, 500, "audit_read_failed", "Audit log query failed: " + ar.cause().getMessage());
        return;
      }
      List<AuditEntry> entries = ar.result();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("object", "list");
      body.put("data", entries.stream().map(AuditApi::wire).toList());
      body.put("next_before", entries.size() == query.limit() ? entries.get(entries.size() - 1).id() : null);
      try {
        AdminResponses.json(ctx, 200, Buffer.buffer(TraceJson.MAPPER.writeValueAsBytes(body)));
      } catch (Exception e) {
        AdminResponses.error(ctx, 500, "audit_read_failed", "Audit entries could not be written as JSON");
      }
    });
  }

  private static Map<String, Object> wire(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("at", e.at().toString());
    m.put("actor", e.actor());
    m.put("role", e.role());
    m.put("action", e.action());
    m.put("target", e.target());
    m.put("reason", e.reason());
    m.put("details", e.details());
    m.put("tenant", e.tenant());
    return m;
  }

  static AuditQuery query(MultiMap q, AdminToken caller) {
    Instant since = null;
    if (q.get("since") != null) {
      try {
        since = Instant.parse(q.get("since"));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("since must be an ISO-8601 instant like 2026-01-05T10:00:00Z, got '"
            + q.get("since") + "'");
      }
    }
    return new AuditQuery(q.get("actor"), q.get("action"), q.get("target"), since,
        number(q, "before", 1, Long.MAX_VALUE), (int) (long) orDefault(number(q, "limit", 1, 500), DEFAULT_LIMIT),
        AdminAuth.tenantFilter(caller, q.get("tenant")));
  }

  private static Long number(MultiMap q, String name, long min, long max) {
    String v = q.get(name);
    if (v == null) {
      return null;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < min || n > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
    }
  }

  private static long orDefault(Long v, long fallback) {
    return v == null ? fallback : v;
  }
}
