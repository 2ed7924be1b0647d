package gw.gateway.state;

import java.time.LocalDate;

/**
 * dimension: one of "day", "tenant", "team", "feature", "model", or "tag:<key>" (e.g.
 * "tag:project"); from/to days inclusive (null = unbounded); tenant optional filter (null = all).
 */
public record SpendQuery(LocalDate from, LocalDate to, String dimension, String tenant) {
  public SpendQuery {
    SpendDimension.parse(dimension);
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("spend query from " + from + " is after to " + to);
    }
  }
}
