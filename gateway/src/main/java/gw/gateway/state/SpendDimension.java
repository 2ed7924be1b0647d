package gw.gateway.state;

import java.util.Set;

/**
 * A validated spend dimension: a column of {@code spend}, or a tag key of {@code spend_by_tag}.
 * Columns come only from a fixed set, so they are safe to put into SQL text.
 */
record SpendDimension(String column, String tagKey) {
  static final String ALLOWED = "day, tenant, team, feature, model, or tag:<key>";
  private static final Set<String> COLUMNS = Set.of("day", "tenant", "team", "feature", "model");
  private static final String TAG_PREFIX = "tag:";

  static SpendDimension parse(String dimension) {
    if (dimension != null && COLUMNS.contains(dimension)) {
      return new SpendDimension(dimension, null);
    }
    if (dimension != null && dimension.startsWith(TAG_PREFIX) && dimension.length() > TAG_PREFIX.length()) {
      return new SpendDimension(null, dimension.substring(TAG_PREFIX.length()));
    }
    throw new IllegalArgumentException("unknown spend dimension '" + dimension + "'; use one of " + ALLOWED);
  }

  boolean isTag() {
    return tagKey != null;
  }
}
