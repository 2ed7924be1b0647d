package gw.gateway.state;

import java.time.Instant;
import java.util.Objects;

/** The mode an operator set for one incident class; reason may be null. {@code at} is kept to the millisecond. */
public record BreakerModeRow(String incidentClass, String mode, String reason, String actor, Instant at) {
  public BreakerModeRow {
    Objects.requireNonNull(incidentClass, "incidentClass");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }
}
