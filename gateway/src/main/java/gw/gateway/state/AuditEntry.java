package gw.gateway.state;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stored audit entry. {@code at} has millisecond precision as stored; {@code details} is
 * never null and is unmodifiable (JSON nulls are kept, so it is not a {@code Map.copyOf}).
 */
public record AuditEntry(long id, Instant at, String actor, String role, String action, String target,
    String reason, Map<String, Object> details) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(action, "action");
    details = frozen(details);
  }

  /** What a caller appends; the store assigns the id. target, reason and details may be null. */
  public record Draft(Instant at, String actor, String role, String action, String target, String reason,
      Map<String, Object> details) {

    public Draft {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(action, "action");
      details = frozen(details);
    }
  }

  private static Map<String, Object> frozen(Map<String, Object> details) {
    return details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
