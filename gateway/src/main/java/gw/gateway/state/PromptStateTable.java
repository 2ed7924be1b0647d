package gw.gateway.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code prompt_state} table: one JSON document per prompt, its registry state as last changed. */
final class PromptStateTable {
  private static final String UPSERT = """
      INSERT INTO prompt_state (prompt_id, state, at, at_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (prompt_id) DO UPDATE SET state = excluded.state, at = excluded.at, at_ms = excluded.at_ms""";

  private PromptStateTable() {}

  static void save(Connection c, String promptId, String stateJson, Instant at) throws SQLException {
    Instant t = StoredTime.truncate(at);
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setString(1, promptId);
      ps.setString(2, stateJson);
      ps.setString(3, StoredTime.text(t));
      ps.setLong(4, t.toEpochMilli());
      ps.executeUpdate();
    }
  }

  static Map<String, String> all(Connection c) throws SQLException {
    Map<String, String> states = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT prompt_id, state FROM prompt_state ORDER BY prompt_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        states.put(rs.getString(1), rs.getString(2));
      }
    }
    return states;
  }
}
