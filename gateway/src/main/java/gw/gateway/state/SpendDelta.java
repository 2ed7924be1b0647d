package gw.gateway.state;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One settled request's contribution (usually pre-aggregated by the caller). tags may be empty,
 * never null. team, feature and model may be null. Amounts are checked by the database, not here,
 * so that a bad delta fails its whole {@code addSpend} batch.
 */
public record SpendDelta(LocalDate day, String tenant, String team, String feature, String model,
    Map<String, String> tags, double costUsd, long promptTokens, long completionTokens, long requests) {

  public SpendDelta {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(tenant, "tenant");
    tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
  }
}
