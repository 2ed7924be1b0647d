package gw.gateway.state;

import gw.traces.sql.SqlSession;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The aggregated spend ledger: {@code spend} by day and dimensions, {@code spend_by_tag} by day, tenant and tag. */
final class SpendTable {
  static final String NONE = "(none)";

  /** Added to the row already there; the table is named, as PostgreSQL requires for an upsert's own columns. */
  private static final String AMOUNTS = """
      cost_usd = %1$s.cost_usd + excluded.cost_usd,
        prompt_tokens = %1$s.prompt_tokens + excluded.prompt_tokens,
        completion_tokens = %1$s.completion_tokens + excluded.completion_tokens,
        requests = %1$s.requests + excluded.requests""";
  private static final String UPSERT_SPEND = """
      INSERT INTO spend (day, tenant, team, feature, model, cost_usd, prompt_tokens, completion_tokens, requests)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (day, tenant, team, feature, model) DO UPDATE SET\s""" + AMOUNTS.formatted("spend");
  private static final String UPSERT_TAG = """
      INSERT INTO spend_by_tag (day, tenant, tag_key, tag_value, cost_usd, prompt_tokens, completion_tokens, requests)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (day, tenant, tag_key, tag_value) DO UPDATE SET\s""" + AMOUNTS.formatted("spend_by_tag");
  private static final String TOTALS =
      "SUM(cost_usd), SUM(prompt_tokens), SUM(completion_tokens), SUM(requests)";
  /**
   * Rows are upserted in key order, so two instances adding spend for the same keys at once take
   * their row locks in the same order and cannot deadlock.
   */
  private static final Comparator<SpendDelta> KEY_ORDER = Comparator.comparing(SpendDelta::day)
      .thenComparing(SpendDelta::tenant).thenComparing(d -> blank(d.team())).thenComparing(d -> blank(d.feature()))
      .thenComparing(d -> blank(d.model()));

  private SpendTable() {}

  /** Runs inside the caller's transaction, which commits or rolls back the whole list. */
  static void add(SqlSession s, List<SpendDelta> deltas) throws SQLException {
    List<SpendDelta> ordered = deltas.stream().sorted(KEY_ORDER).toList();
    List<Object[]> spend = new ArrayList<>();
    List<Object[]> byTag = new ArrayList<>();
    for (SpendDelta d : ordered) {
      String day = d.day().toString();
      spend.add(new Object[] {day, d.tenant(), blank(d.team()), blank(d.feature()), blank(d.model()), d.costUsd(),
          d.promptTokens(), d.completionTokens(), d.requests()});
      for (Map.Entry<String, String> tag : d.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        byTag.add(new Object[] {day, d.tenant(), tag.getKey(), tag.getValue(), d.costUsd(), d.promptTokens(),
            d.completionTokens(), d.requests()});
      }
    }
    s.batch(UPSERT_SPEND, spend);
    s.batch(UPSERT_TAG, byTag);
  }

  static List<SpendRow> query(SqlSession s, SpendQuery q) throws SQLException {
    SpendDimension dim = SpendDimension.parse(q.dimension());
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (dim.isTag()) {
      where.add("tag_key = ?");
      args.add(dim.tagKey());
    }
    if (q.from() != null) {
      where.add("day >= ?");
      args.add(q.from().toString());
    }
    if (q.to() != null) {
      where.add("day <= ?");
      args.add(q.to().toString());
    }
    if (q.tenant() != null) {
      where.add("tenant = ?");
      args.add(q.tenant());
    }
    String sql = "SELECT " + (dim.isTag() ? "tag_value" : dim.column()) + ", " + TOTALS
        + " FROM " + table(dim) + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " GROUP BY 1 ORDER BY 2 DESC, 1";
    return s.query(sql, r -> {
      String key = r.text(1);
      return new SpendRow(key.isEmpty() ? NONE : key, r.float64(2), r.int64(3), r.int64(4), r.int64(5));
    }, args.toArray());
  }

  static double spentSince(SqlSession s, LocalDate fromDay, SpendDimension dim, String value) throws SQLException {
    String sql = "SELECT COALESCE(SUM(cost_usd), 0) FROM " + table(dim) + " WHERE "
        + (dim.isTag() ? "tag_key = ? AND tag_value = ?" : dim.column() + " = ?") + " AND day >= ?";
    List<Object> args = new ArrayList<>();
    if (dim.isTag()) {
      args.add(dim.tagKey());
    }
    args.add(blank(value));
    args.add(fromDay.toString());
    return s.query(sql, r -> r.float64(1), args.toArray()).get(0);
  }

  private static String table(SpendDimension dim) {
    return dim.isTag() ? "spend_by_tag" : "spend";
  }

  private static String blank(String value) {
    return value == null ? "" : value;
  }
}
