package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's hash chain: appends link up, and an edited, deleted or cut-off row is found. */
class AuditChainTest {
  private static final Instant T0 = Instant.parse("2025-03-14T12:00:00Z");

  @TempDir Path dir;

  private void append(int n) {
    try (ControlStore store = ControlStore.open(dir)) {
      for (int i = 1; i <= n; i++) {
        store.appendAudit(new AuditEntry.Draft(T0.plusSeconds(i), "alice", "operator", "breaker.set_mode",
            "breaker/COST_SPIKE", "step " + i, Map.of("i", i), i % 2 == 0 ? "acme" : null));
      }
    }
  }

  private Path file() {
    return dir.resolve("control.db");
  }

  private AuditChainCheck.Result verify() {
    return AuditChainCheck.verify(dir);
  }

  @Test
  void anUntouchedChainIsIntactAndEndsAtTheNewestRowsHash() throws SQLException {
    append(5);

    AuditChainCheck.Result r = verify();

    assertThat(r.outcome()).as(r.problem()).isEqualTo(AuditChainCheck.Outcome.INTACT);
    assertThat(r.rows()).isEqualTo(5);
    assertThat(r.headId()).isEqualTo(5);
    assertThat(r.headHash()).isEqualTo(RawSqlite.text(file(), "SELECT hash FROM audit WHERE id = 5"));
    assertThat(RawSqlite.text(file(), "SELECT prev_hash FROM audit WHERE id = 1")).isEqualTo(AuditChain.GENESIS);
    assertThat(RawSqlite.text(file(), "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1"
        + " WHERE b.prev_hash = a.hash")).isEqualTo("4");
  }

  @Test
  void anEmptyLogIsIntact() {
    append(0);

    assertThat(verify()).isEqualTo(new AuditChainCheck.Result(AuditChainCheck.Outcome.INTACT, 0, 0, null, null));
  }

  @Test
  void aRowEditedAfterTheTriggersWereDroppedIsFound() throws SQLException {
    append(4);
    RawSqlite.execute(file(), "DROP TRIGGER audit_no_update");
    RawSqlite.execute(file(), "UPDATE audit SET reason = 'nothing happened' WHERE id = 3");

    AuditChainCheck.Result r = verify();

    assertThat(r.outcome()).isEqualTo(AuditChainCheck.Outcome.BROKEN);
    assertThat(r.problem()).isEqualTo("row 3 was changed after it was written: its columns no longer match its hash");
    assertThat(r.rows()).as("rows verified before the break").isEqualTo(2);
  }

  @Test
  void aRowEditedWithItsHashRecomputedBreaksTheNextLink() throws SQLException {
    append(4);
    AuditChain.Row edited;
    String prev = RawSqlite.text(file(), "SELECT prev_hash FROM audit WHERE id = 2");
    try (Connection c = RawSqlite.open(file()); PreparedStatement ps = c.prepareStatement(AuditTable.ROWS);
        var rs = ps.executeQuery()) {
      rs.next();
      rs.next();
      AuditChain.Row row = AuditTable.row(rs);
      edited = new AuditChain.Row(row.id(), row.at(), row.atMs(), "mallory", row.role(), row.action(), row.target(),
          row.reason(), row.details(), row.tenant());
    }
    RawSqlite.execute(file(), "DROP TRIGGER audit_no_update");
    RawSqlite.execute(file(), "UPDATE audit SET actor = 'mallory', hash = '" + AuditChain.hash(prev, edited)
        + "' WHERE id = 2");

    assertThat(verify().problem()).isEqualTo("row 3 does not follow row 2 (its prev_hash is not row 2's hash):"
        + " row 2 was rewritten with a new hash, or rows were deleted and renumbered");
  }

  @Test
  void aDeletedRowIsFoundAndNamed() throws SQLException {
    append(5);
    RawSqlite.execute(file(), "DROP TRIGGER audit_no_delete");
    RawSqlite.execute(file(), "DELETE FROM audit WHERE id = 3");

    AuditChainCheck.Result r = verify();

    assertThat(r.outcome()).isEqualTo(AuditChainCheck.Outcome.BROKEN);
    assertThat(r.problem()).isEqualTo("row 4 does not follow row 2 (its prev_hash is not row 2's hash): row 3 was deleted");
  }

  @Test
  void deletedOldestAndNewestRowsAreFound() throws SQLException {
    append(5);
    RawSqlite.execute(file(), "DROP TRIGGER audit_no_delete");
    RawSqlite.execute(file(), "DELETE FROM audit WHERE id >= 4");

    assertThat(verify().problem()).isEqualTo("the rows after row 3 were deleted: ids up to 5 were issued");

    RawSqlite.execute(file(), "DELETE FROM audit WHERE id = 1");
    assertThat(verify().problem())
        .isEqualTo("row 2 is the oldest row but does not start the chain: the rows before it were deleted");
  }

  @Test
  void theDatabaseRefusesARowThatDoesNotLinkToTheNewest() throws SQLException {
    append(2);

    assertThatThrownBy(() -> RawSqlite.execute(file(), "INSERT INTO audit (at, at_ms, actor, role, action, details,"
        + " prev_hash, hash) VALUES ('x', 0, 'mallory', 'maintainer', 'forged', '{}', '" + AuditChain.GENESIS
        + "', 'abc')"))
        .isInstanceOf(SQLException.class).hasMessageContaining("audit is a hash chain");
    assertThat(verify().outcome()).isEqualTo(AuditChainCheck.Outcome.INTACT);
  }

  @Test
  void aVersionThreeDatabaseIsChainedWhenOpenedAndStaysAppendOnly() throws SQLException {
    try (Connection c = RawSqlite.open(file()); var s = c.createStatement()) {
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
    assertThat(verify().outcome()).isEqualTo(AuditChainCheck.Outcome.UNREADABLE);
    assertThat(verify().problem()).contains("schema version 3", "start the gateway once");

    append(1);

    AuditChainCheck.Result r = verify();
    assertThat(r.outcome()).as(r.problem()).isEqualTo(AuditChainCheck.Outcome.INTACT);
    assertThat(r.rows()).isEqualTo(3);
    assertThat(RawSqlite.text(file(), "PRAGMA user_version")).isEqualTo(String.valueOf(ControlSchema.VERSION));
    assertThatThrownBy(() -> RawSqlite.execute(file(), "UPDATE audit SET actor = 'mallory'"))
        .hasMessageContaining("UPDATE is refused");
  }

  @Test
  void aMissingDatabaseCannotBeVerified() {
    AuditChainCheck.Result r = verify();

    assertThat(r.outcome()).isEqualTo(AuditChainCheck.Outcome.UNREADABLE);
    assertThat(r.problem()).contains("no control database at " + file());
  }
}
