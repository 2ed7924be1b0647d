package gw.gateway.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The five incident classes; each has one breaker with the mitigation that class needs. */
public enum IncidentClass {
  RETRIEVAL_OUTAGE, QUALITY_DEGRADATION, PERFORMANCE_DEGRADATION, COST_SPIKE, DATA_INCIDENT;

  /** Accepts {@code RETRIEVAL_OUTAGE}, {@code retrieval_outage} or {@code retrieval-outage}. */
  public static IncidentClass parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown incident class '" + name + "'; use one of "
          + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }
}
