package gw.gateway.state;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stored audit entry. {@code at} has millisecond precision as stored; {@code details} is
 * never null and is unmodifiable (JSON nulls are kept, so it is not a {@code Map.copyOf}).
 * {@code tenant} is the tenant the action concerned, null for changes to the whole gateway: a
 * tenant-scoped admin token sees its own tenant's entries only.
 */
public record AuditEntry(long id, Instant at, String actor, String role, String action, String target,
    String reason, Map<String, Object> details, String tenant) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(action, "action");
    details = frozen(details);
  }

  /** An entry about the whole gateway (no tenant). */
  public AuditEntry(long id, Instant at, String actor, String role, String action, String target, String reason,
      Map<String, Object> details) {
    this(id, at, actor, role, action, target, reason, details, null);
  }

  /** What a caller appends; the store assigns the id. target, reason, details and tenant may be null. */
  public record Draft(Instant at, String actor, String role, String action, String target, String reason,
      Map<String, Object> details, String tenant) {

    public Draft {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(action, "action");
      details = frozen(details);
    }

    /** A change to the whole gateway (no tenant). */
    public Draft(Instant at, String actor, String role, String action, String target, String reason,
        Map<String, Object> details) {
      this(at, actor, role, action, target, reason, details, null);
    }
  }

  private static Map<String, Object> frozen(Map<String, Object> details) {
    return details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
