package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.traces.sql.JdbcSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit log's hash chain, in every control store: appends link up, the database refuses a row
 * that does not link, and an edited, deleted or cut-off row is found by the verifier.
 */
class AuditChainTest extends ControlStoreSuite {
  private static final Instant T0 = Instant.parse("2025-03-14T12:00:00Z");

  private void append(int n) {
    try (ControlStore store = place.open()) {
      for (int i = 1; i <= n; i++) {
        store.appendAudit(new AuditEntry.Draft(T0.plusSeconds(i), "alice", "operator", "breaker.set_mode",
            "breaker/COST_SPIKE", "step " + i, Map.of("i", i), i % 2 == 0 ? "acme" : null));
      }
    }
  }

  private AuditChainCheck.Result verify() {
    return place.verify();
  }

  @Test
  void anUntouchedChainIsIntactAndEndsAtTheNewestRowsHash() throws SQLException {
    append(5);

    AuditChainCheck.Result r = verify();

    assertThat(r.outcome()).as(r.problem()).isEqualTo(AuditChainCheck.Outcome.INTACT);
    assertThat(r.rows()).isEqualTo(5);
    assertThat(r.headId()).isEqualTo(5);
    assertThat(r.headHash()).isEqualTo(place.text("SELECT hash FROM audit WHERE id = 5"));
    assertThat(place.text("SELECT prev_hash FROM audit WHERE id = 1")).isEqualTo(AuditChain.GENESIS);
    assertThat(place.text("SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1"
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
    place.liftAppendOnlyGuards();
    place.execute("UPDATE audit SET reason = 'nothing happened' WHERE id = 3");

    AuditChainCheck.Result r = verify();

    assertThat(r.outcome()).isEqualTo(AuditChainCheck.Outcome.BROKEN);
    assertThat(r.problem()).isEqualTo("row 3 was changed after it was written: its columns no longer match its hash");
    assertThat(r.rows()).as("rows verified before the break").isEqualTo(2);
  }

  @Test
  void aRowEditedWithItsHashRecomputedBreaksTheNextLink() throws SQLException {
    append(4);
    AuditChain.Row edited;
    String prev = place.text("SELECT prev_hash FROM audit WHERE id = 2");
    try (Connection c = place.connect()) {
      AuditChain.Row row = new JdbcSession(c).query(AuditTable.ROWS, AuditTable::row).get(1);
      edited = new AuditChain.Row(row.id(), row.at(), row.atMs(), "mallory", row.role(), row.action(), row.target(),
          row.reason(), row.details(), row.tenant());
    }
    place.liftAppendOnlyGuards();
    place.execute("UPDATE audit SET actor = 'mallory', hash = '" + AuditChain.hash(prev, edited)
        + "' WHERE id = 2");

    assertThat(verify().problem()).isEqualTo("row 3 does not follow row 2 (its prev_hash is not row 2's hash):"
        + " row 2 was rewritten with a new hash, or rows were deleted and renumbered");
  }

  @Test
  void aDeletedRowIsFoundAndNamed() throws SQLException {
    append(5);
    place.liftAppendOnlyGuards();
    place.execute("DELETE FROM audit WHERE id = 3");

    AuditChainCheck.Result r = verify();

    assertThat(r.outcome()).isEqualTo(AuditChainCheck.Outcome.BROKEN);
    assertThat(r.problem()).isEqualTo("row 4 does not follow row 2 (its prev_hash is not row 2's hash): row 3 was deleted");
  }

  @Test
  void deletedOldestAndNewestRowsAreFound() throws SQLException {
    append(5);
    place.liftAppendOnlyGuards();
    place.execute("DELETE FROM audit WHERE id >= 4");

    assertThat(verify().problem()).isEqualTo("the rows after row 3 were deleted: ids up to 5 were issued");

    place.execute("DELETE FROM audit WHERE id = 1");
    assertThat(verify().problem())
        .isEqualTo("row 2 is the oldest row but does not start the chain: the rows before it were deleted");
  }

  @Test
  void theDatabaseRefusesARowThatDoesNotLinkToTheNewest() throws SQLException {
    append(2);

    assertThatThrownBy(() -> place.execute("INSERT INTO audit (id, at, at_ms, actor, role, action, details,"
        + " prev_hash, hash) VALUES (3, 'x', 0, 'mallory', 'maintainer', 'forged', '{}', '" + AuditChain.GENESIS
        + "', 'abc')"))
        .isInstanceOf(SQLException.class).hasMessageContaining("audit is a hash chain");
    assertThat(verify().outcome()).isEqualTo(AuditChainCheck.Outcome.INTACT);
  }

}
