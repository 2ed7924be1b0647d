package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.state.AuditEntry;
import gw.gateway.state.ControlStore;
import gw.gateway.state.PgControlStore;
import gw.gateway.state.SqliteControlStore;
import gw.traces.pg.StoreUrl;
import gw.traces.testing.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gw audit verify}: exit 0 on an intact chain, 1 naming the first broken link, 2 when nothing can be read. */
class AuditVerifyCommandTest {
  @RegisterExtension
  static final PostgresServer postgres = new PostgresServer();

  @TempDir Path data;

  private record Run(int code, String out, String err) {}

  private Run verify(Path dataDir) {
    return run("audit", "verify", "--data-dir", dataDir.toString());
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** As someone with the file and sqlite3 would: the append-only triggers dropped first. */
  private void tamper(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("control.db"));
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER IF EXISTS audit_no_update");
      s.execute("DROP TRIGGER IF EXISTS audit_no_delete");
      s.execute(sql);
    }
  }

  @BeforeEach
  void threeEntries() {
    try (ControlStore store = SqliteControlStore.open(data)) {
      for (int i = 1; i <= 3; i++) {
        store.appendAudit(new AuditEntry.Draft(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i), "on-call",
            "operator", "breaker.set_mode", "breaker/COST_SPIKE", "step " + i, Map.of()));
      }
    }
  }

  @Test
  void anIntactChainExitsZeroWithItsHead() {
    Run r = verify(data);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).matches("audit chain intact: 3 rows, newest row 3, head hash [0-9a-f]{64}\\R");
  }

  @Test
  void anEditedRowExitsOneNamingIt() throws Exception {
    tamper("UPDATE audit SET reason = 'routine' WHERE id = 2");

    Run r = verify(data);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("audit chain broken: row 2 was changed after it was written: its columns no longer"
        + " match its hash (1 rows before it verified, the last of them row 1)");
  }

  @Test
  void aDeletedRowExitsOneNamingIt() throws Exception {
    tamper("DELETE FROM audit WHERE id = 2");

    Run r = verify(data);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("audit chain broken: row 3 does not follow row 1 (its prev_hash is not row 1's hash):"
        + " row 2 was deleted");
  }

  @Test
  void aDirectoryWithoutAControlDatabaseExitsTwo() {
    Run r = verify(data.resolve("elsewhere"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("gw audit verify: no control database at");
  }

  @Test
  void aPostgresStoreIsVerifiedThroughItsUrl() {
    StoreUrl url = StoreUrl.parse(postgres.freshDatabase(), null);
    try (ControlStore store = PgControlStore.open(postgres.vertx(), url)) {
      store.appendAudit(new AuditEntry.Draft(Instant.parse("2026-01-05T10:00:00Z"), "on-call", "operator",
          "breaker.set_mode", "breaker/COST_SPIKE", null, Map.of()));
    }

    Run r = run("audit", "verify", "--store-url", postgres.url(url.database()));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).matches("audit chain intact: 1 rows, newest row 1, head hash [0-9a-f]{64}\\R");
  }

  @Test
  void aMalformedStoreUrlExitsTwoWithoutQuotingIt() {
    Run r = run("audit", "verify", "--store-url", "postgresql://gw:s3cret@/nodb");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--store-url: store URL rejected: it names no host").doesNotContain("s3cret");
  }
}
