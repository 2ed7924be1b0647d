package gw.gateway.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The aggregated spend ledger: {@code spend} by day and dimensions, {@code spend_by_tag} by day, tenant and tag. */
final class SpendTable {
  static final String NONE = "(none)";

  private static final String AMOUNTS = """
      cost_usd = cost_usd + excluded.cost_usd,
        prompt_tokens = prompt_tokens + excluded.prompt_tokens,
        completion_tokens = completion_tokens + excluded.completion_tokens,
        requests = requests + excluded.requests""";
  private static final String UPSERT_SPEND = """
      INSERT INTO spend (day, tenant, team, feature, model, cost_usd, prompt_tokens, completion_tokens, requests)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (day, tenant, team, feature, model) DO UPDATE SET\s""" + AMOUNTS;
  private static final String UPSERT_TAG = """
      INSERT INTO spend_by_tag (day, tenant, tag_key, tag_value, cost_usd, prompt_tokens, completion_tokens, requests)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (day, tenant, tag_key, tag_value) DO UPDATE SET\s""" + AMOUNTS;
  private static final String TOTALS =
      "SUM(cost_usd), SUM(prompt_tokens), SUM(completion_tokens), SUM(requests)";

  private SpendTable() {}

  /** Runs inside the caller's transaction, which commits or rolls back the whole list. */
  static void add(Connection c, List<SpendDelta> deltas) throws SQLException {
    try (PreparedStatement spend = c.prepareStatement(UPSERT_SPEND);
        PreparedStatement byTag = c.prepareStatement(UPSERT_TAG)) {
      for (SpendDelta d : deltas) {
        String day = d.day().toString();
        bindKeys(spend, day, d.tenant(), blank(d.team()), blank(d.feature()), blank(d.model()));
        bindAmounts(spend, 6, d);
        spend.executeUpdate();
        for (Map.Entry<String, String> tag : d.tags().entrySet()) {
          bindKeys(byTag, day, d.tenant(), tag.getKey(), tag.getValue());
          bindAmounts(byTag, 5, d);
          byTag.executeUpdate();
        }
      }
    }
  }

  static List<SpendRow> query(Connection c, SpendQuery q) throws SQLException {
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
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      List<SpendRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(1);
          rows.add(new SpendRow(key.isEmpty() ? NONE : key, rs.getDouble(2), rs.getLong(3), rs.getLong(4),
              rs.getLong(5)));
        }
      }
      return rows;
    }
  }

  static double spentSince(Connection c, LocalDate fromDay, SpendDimension dim, String value) throws SQLException {
    String sql = "SELECT COALESCE(SUM(cost_usd), 0) FROM " + table(dim) + " WHERE "
        + (dim.isTag() ? "tag_key = ? AND tag_value = ?" : dim.column() + " = ?") + " AND day >= ?";
    List<Object> args = new ArrayList<>();
    if (dim.isTag()) {
      args.add(dim.tagKey());
    }
    args.add(blank(value));
    args.add(fromDay.toString());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getDouble(1) : 0.0;
      }
    }
  }

  private static String table(SpendDimension dim) {
    return dim.isTag() ? "spend_by_tag" : "spend";
  }

  private static String blank(String value) {
    return value == null ? "" : value;
  }

  private static void bindKeys(PreparedStatement ps, String... keys) throws SQLException {
    for (int i = 0; i < keys.length; i++) {
      ps.setString(i + 1, keys[i]);
    }
  }

  private static void bindAmounts(PreparedStatement ps, int first, SpendDelta d) throws SQLException {
    ps.setDouble(first, d.costUsd());
    ps.setLong(first + 1, d.promptTokens());
    ps.setLong(first + 2, d.completionTokens());
    ps.setLong(first + 3, d.requests());
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }
}
