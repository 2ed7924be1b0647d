package gw.gateway.state;

import java.time.Instant;

/** Filters, all optional (null = any); beforeId is a keyset cursor (entries with id < beforeId); limit 1..500. */
public record AuditQuery(String actor, String action, String target, Instant since, Long beforeId, int limit) {
  static final int MAX_LIMIT = 500;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("audit query limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }
}
