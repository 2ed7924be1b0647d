package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import gw.traces.store.TraceQuery;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Turns {@code /admin/traces} query parameters into a {@link TraceQuery}, enforcing tenant scope. */
final class TraceQueries {
  private TraceQueries() {}

  static TraceQuery from(MultiMap params, AdminToken caller) {
    String tenant = AdminAuth.tenantFilter(caller, params.get("tenant"));
    return new TraceQuery(
        instant(params, "from"), instant(params, "to"),
        params.get("model"), params.get("prompt_version"), params.get("status"), tenant,
        params.get("session_id"), limit(params), params.get("cursor"));
  }

  private static Instant instant(MultiMap params, String name) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO-8601 instant like 2026-01-31T12:00:00Z, got '" + v + "'");
    }
  }

  private static int limit(MultiMap params) {
    String v = params.get("limit");
    if (v == null) {
      return TraceQuery.DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1 || n > TraceQuery.MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be an integer in 1.." + TraceQuery.MAX_LIMIT + ", got '" + v + "'");
    }
  }
}
