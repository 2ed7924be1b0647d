package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the embedded store has: its file, schema versions and SQLite's own guards. */
class SqliteControlStoreTest {
  private static final Instant AT = Instant.parse("2025-03-14T12:30:45.123Z");

  @TempDir Path dir;

  @Test
  void createsTheDataDirectoryAndControlDbOnFirstOpen() throws Exception {
    Path dataDir = dir.resolve("nested/data");
    try (SqliteControlStore store = SqliteControlStore.open(dataDir)) {
      assertThat(store.file()).isEqualTo(dataDir.resolve("control.db"));
      assertThat(store.file()).isRegularFile();
      assertThat(RawSqlite.text(store.file(), "PRAGMA user_version")).isEqualTo(String.valueOf(ControlSchema.VERSION));
      assertThat(RawSqlite.text(store.file(), "PRAGMA journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void refusesADatabaseWithANewerSchemaVersionAndSaysSo() throws Exception {
    Path file = dir.resolve("control.db");
    RawSqlite.execute(file, "PRAGMA user_version = 99");

    assertThatThrownBy(() -> SqliteControlStore.open(dir))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer than the " + ControlSchema.VERSION + " this build understands")
        .hasMessageContaining("upgrade");
    assertThat(RawSqlite.text(file, "PRAGMA user_version")).isEqualTo("99");
  }

  @Test
  void refusesAFileThatIsNotADatabaseNamingTheFileAndTheFix() throws Exception {
    Path file = dir.resolve("control.db");
    Files.writeString(file, "this is not a database, just some text that is long enough to have a header.".repeat(20));

    assertThatThrownBy(() -> SqliteControlStore.open(dir))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("cannot open control database " + file)
        .hasMessageContaining("check that the data directory is writable");
  }

  @Test
  void refusesADataDirectoryThatCannotBeCreated() throws Exception {
    Path blocker = Files.writeString(dir.resolve("plain-file"), "x");

    assertThatThrownBy(() -> SqliteControlStore.open(blocker.resolve("data")))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(blocker.resolve("data").resolve("control.db").toString())
        .hasMessageContaining("point the data directory at a writable location");
  }

  @Test
  void refusesAControlDbThatIsADirectory() throws Exception {
    Files.createDirectories(dir.resolve("control.db"));

    assertThatThrownBy(() -> SqliteControlStore.open(dir))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void theSchemaRefusesReplacingAnEntryById() throws SQLException {
    try (SqliteControlStore store = SqliteControlStore.open(dir)) {
      AuditEntry stored = store.appendAudit(draft());

      assertThatThrownBy(() -> RawSqlite.execute(store.file(), "INSERT OR REPLACE INTO audit"
          + " (id, at, at_ms, actor, role, action, details) VALUES (" + stored.id() + ", 'x', 0, 'mallory', 'r', 'a', '{}')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("an entry id cannot be written twice");
      assertThat(store.audit(new AuditQuery(null, null, null, null, null, 10))).containsExactly(stored);
    }
  }

  @Test
  void filteringByActorUsesTheActorIndexInIdOrder() throws SQLException {
    try (SqliteControlStore store = SqliteControlStore.open(dir); Connection c = RawSqlite.open(store.file());
        Statement s = c.createStatement();
        var rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT id, at_ms, actor, role, action, target, reason, details"
            + " FROM audit WHERE actor = 'a' AND id < 10 ORDER BY id DESC LIMIT 5")) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString("detail")).append('\n');
      }
      assertThat(plan.toString()).contains("INDEX audit_actor (actor=? AND id<?)").doesNotContain("TEMP B-TREE");
    }
  }

  @Test
  void aVersionThreeDatabaseIsChainedWhenOpenedAndStaysAppendOnly() throws SQLException {
    Path file = dir.resolve("control.db");
    try (Connection c = RawSqlite.open(file); var s = c.createStatement()) {
      s.execute("""
          CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, target TEXT, reason TEXT,
            details TEXT NOT NULL CHECK (json_valid(details))) STRICT""");
      s.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
          + " BEGIN SELECT RAISE(ABORT, 'audit is append-only: UPDATE is refused'); END");
      s.execute("INSERT INTO audit (at, at_ms, actor, role, action, details)"
          + " VALUES ('2025-03-14T12:00:00.000Z', 1741953600000, 'alice', 'operator', 'incident.resolve', '{}')");
      s.execute("INSERT INTO audit (at, at_ms, actor, role, action, details)"
          + " VALUES ('2025-03-14T12:01:00.000Z', 1741953660000, 'bob', 'operator', 'incident.resolve', '{}')");
      s.execute("PRAGMA user_version = 3");
    }
    assertThat(AuditChainCheck.verify(dir).outcome()).isEqualTo(AuditChainCheck.Outcome.UNREADABLE);
    assertThat(AuditChainCheck.verify(dir).problem()).contains("schema version 3", "start the gateway once");

    try (SqliteControlStore store = SqliteControlStore.open(dir)) {
      store.appendAudit(draft());
    }

    AuditChainCheck.Result r = AuditChainCheck.verify(dir);
    assertThat(r.outcome()).as(r.problem()).isEqualTo(AuditChainCheck.Outcome.INTACT);
    assertThat(r.rows()).isEqualTo(3);
    assertThat(RawSqlite.text(file, "PRAGMA user_version")).isEqualTo(String.valueOf(ControlSchema.VERSION));
    assertThatThrownBy(() -> RawSqlite.execute(file, "UPDATE audit SET actor = 'mallory'"))
        .hasMessageContaining("UPDATE is refused");
  }

  @Test
  void aMissingDatabaseCannotBeVerified() {
    AuditChainCheck.Result r = AuditChainCheck.verify(dir);

    assertThat(r.outcome()).isEqualTo(AuditChainCheck.Outcome.UNREADABLE);
    assertThat(r.problem()).contains("no control database at " + dir.resolve("control.db"));
  }

  private static AuditEntry.Draft draft() {
    return new AuditEntry.Draft(AT, "bob", "maintainer", "config.reload", null, null, null);
  }
}
