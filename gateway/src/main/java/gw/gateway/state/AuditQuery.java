package gw.gateway.state;

import java.time.Instant;

/**
 * Filters, all optional (null = any); beforeId is a keyset cursor (entries with id < beforeId); limit 1..500;
 * a non-null tenant keeps only that tenant's entries (gateway-wide ones are left out).
 */
public record AuditQuery(String actor, String action, String target, Instant since, Long beforeId, int limit,
    String tenant) {
  static final int MAX_LIMIT = 500;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("audit query limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Every tenant's entries and the gateway-wide ones. */
  public AuditQuery(String actor, String action, String target, Instant since, Long beforeId, int limit) {
    this(actor, action, target, since, beforeId, limit, null);
  }
}
