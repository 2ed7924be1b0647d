package gw.gateway.state;

/**
 * Where SQLite's and PostgreSQL's control tables differ for the shared code: how the audit log's
 * head (newest hash, highest id ever issued) is read. PostgreSQL keeps it in the one-row
 * {@code audit_head} table, locked FOR UPDATE by every append, so appends from several gateway
 * instances queue up and the chain stays a line with gap-free ids; SQLite's single writer has the
 * same effect, and AUTOINCREMENT's {@code sqlite_sequence} remembers the highest id.
 */
enum ControlDialect {
  SQLITE("""
      SELECT (SELECT hash FROM audit ORDER BY id DESC LIMIT 1),
             max(coalesce((SELECT max(id) FROM audit), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0))""",
      "SELECT seq FROM sqlite_sequence WHERE name = 'audit'"),
  POSTGRES("SELECT hash, last_id FROM audit_head FOR UPDATE", "SELECT last_id FROM audit_head");

  /** One row: the newest hash (null when empty) and the highest id issued; locks it where that is needed. */
  final String auditHeadForAppend;
  /** The highest id ever issued (no row: none), outliving deleted rows. */
  final String highestIssuedId;

  ControlDialect(String auditHeadForAppend, String highestIssuedId) {
    this.auditHeadForAppend = auditHeadForAppend;
    this.highestIssuedId = highestIssuedId;
  }
}
