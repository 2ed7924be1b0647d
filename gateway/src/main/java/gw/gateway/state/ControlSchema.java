package gw.gateway.state;

import gw.traces.sql.JdbcSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Tables of {@code control.db}, versioned with {@code PRAGMA user_version}. Missing team, feature
 * and model are stored as '' so they take part in the unique keys (NULLs never conflict).
 */
final class ControlSchema {
  static final int VERSION = 4;

  private static final List<String> DDL = List.of(
      """
      CREATE TABLE IF NOT EXISTS audit (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        at_ms   INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        role    TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT,
        reason  TEXT,
        details TEXT NOT NULL CHECK (json_valid(details)),
        tenant    TEXT,
        prev_hash TEXT,
        hash      TEXT
      ) STRICT""",
      "CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor, id)",
      "CREATE INDEX IF NOT EXISTS audit_tenant ON audit (tenant, id)",
      "CREATE INDEX IF NOT EXISTS audit_action ON audit (action, id)",
      "CREATE INDEX IF NOT EXISTS audit_target ON audit (target, id)",
      // Append-only is enforced by the file itself, so no client (sqlite3 included) can rewrite history.
      """
      CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit is append-only: UPDATE is refused'); END""",
      """
      CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit is append-only: DELETE is refused'); END""",
      // INSERT OR REPLACE deletes without firing DELETE triggers, so an id may never be written twice.
      """
      CREATE TRIGGER IF NOT EXISTS audit_no_replace BEFORE INSERT ON audit
      WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'audit is append-only: an entry id cannot be written twice'); END""",
      // v4: a new row must link to the newest one, so no writer (sqlite3 included) can fork the chain.
      """
      CREATE TRIGGER IF NOT EXISTS audit_chain_link BEFORE INSERT ON audit
      WHEN NOT EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
        AND (NEW.hash IS NULL OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1),
          '%s'))
      BEGIN SELECT RAISE(ABORT, 'audit is a hash chain: a new entry must carry the hash of the newest one'); END"""
          .formatted(AuditChain.GENESIS),
      """
      CREATE TABLE IF NOT EXISTS breaker_modes (
        incident_class TEXT PRIMARY KEY,
        mode           TEXT NOT NULL,
        reason         TEXT,
        actor          TEXT NOT NULL,
        at             TEXT NOT NULL,
        at_ms          INTEGER NOT NULL
      ) STRICT""",
      """
      CREATE TABLE IF NOT EXISTS spend (
        day               TEXT NOT NULL,
        tenant            TEXT NOT NULL,
        team              TEXT NOT NULL,
        feature           TEXT NOT NULL,
        model             TEXT NOT NULL,
        cost_usd          REAL NOT NULL CHECK (cost_usd >= 0),
        prompt_tokens     INTEGER NOT NULL CHECK (prompt_tokens >= 0),
        completion_tokens INTEGER NOT NULL CHECK (completion_tokens >= 0),
        requests          INTEGER NOT NULL CHECK (requests >= 0),
        PRIMARY KEY (day, tenant, team, feature, model)
      ) STRICT, WITHOUT ROWID""",
      "CREATE INDEX IF NOT EXISTS spend_tenant_day ON spend (tenant, day)",
      """
      CREATE TABLE IF NOT EXISTS spend_by_tag (
        day               TEXT NOT NULL,
        tenant            TEXT NOT NULL,
        tag_key           TEXT NOT NULL,
        tag_value         TEXT NOT NULL,
        cost_usd          REAL NOT NULL CHECK (cost_usd >= 0),
        prompt_tokens     INTEGER NOT NULL CHECK (prompt_tokens >= 0),
        completion_tokens INTEGER NOT NULL CHECK (completion_tokens >= 0),
        requests          INTEGER NOT NULL CHECK (requests >= 0),
        PRIMARY KEY (day, tenant, tag_key, tag_value)
      ) STRICT, WITHOUT ROWID""",
      "CREATE INDEX IF NOT EXISTS spend_by_tag_key ON spend_by_tag (tag_key, tag_value, day)",
      // v2: the prompt registry's runtime state (versions added and pointers moved through the admin API).
      """
      CREATE TABLE IF NOT EXISTS prompt_state (
        prompt_id TEXT PRIMARY KEY,
        state     TEXT NOT NULL CHECK (json_valid(state)),
        at        TEXT NOT NULL,
        at_ms     INTEGER NOT NULL
      ) STRICT""",
      // v3: incidents, one JSON document each (timeline included), rewritten as the incident changes.
      """
      CREATE TABLE IF NOT EXISTS incidents (
        id             TEXT PRIMARY KEY,
        incident_class TEXT NOT NULL,
        status         TEXT NOT NULL,
        opened_ms      INTEGER NOT NULL,
        doc            TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT""",
      "CREATE INDEX IF NOT EXISTS incidents_opened ON incidents (opened_ms)");

  private ControlSchema() {}

  /** Creates or checks the schema; refuses a database written by a newer schema. */
  static void migrate(Connection c, Path file) throws SQLException {
    int version = userVersion(c);
    if (version > VERSION) {
      throw new StateStoreException("control database " + file + " has schema version " + version
          + ", newer than the " + VERSION + " this build understands; upgrade gw, or use another data directory");
    }
    try (Statement s = c.createStatement()) {
      if (version > 0 && version < 4) {
        chainTheAuditLog(s);
      }
      for (String ddl : DDL) {
        s.execute(ddl);
      }
      s.execute("PRAGMA user_version = " + VERSION);
    }
  }

  /**
   * v4: the audit log gets its tenant and hash-chain columns, and the rows already there are chained
   * in id order (the update trigger is lifted for that alone; the DDL puts it back).
   */
  private static void chainTheAuditLog(Statement s) throws SQLException {
    s.execute("ALTER TABLE audit ADD COLUMN tenant TEXT");
    s.execute("ALTER TABLE audit ADD COLUMN prev_hash TEXT");
    s.execute("ALTER TABLE audit ADD COLUMN hash TEXT");
    s.execute("DROP TRIGGER IF EXISTS audit_no_update");
    AuditTable.chainExisting(new JdbcSession(s.getConnection()));
  }

  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
