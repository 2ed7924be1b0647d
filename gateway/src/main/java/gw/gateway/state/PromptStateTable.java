package gw.gateway.state;

import gw.traces.sql.SqlSession;
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

  static void save(SqlSession s, String promptId, String stateJson, Instant at) throws SQLException {
    Instant t = StoredTime.truncate(at);
    s.update(UPSERT, promptId, stateJson, StoredTime.text(t), t.toEpochMilli());
  }

  static Map<String, String> all(SqlSession s) throws SQLException {
    Map<String, String> states = new LinkedHashMap<>();
    for (String[] row : s.query("SELECT prompt_id, state FROM prompt_state ORDER BY prompt_id",
        r -> new String[] {r.text(1), r.text(2)})) {
      states.put(row[0], row[1]);
    }
    return states;
  }
}
