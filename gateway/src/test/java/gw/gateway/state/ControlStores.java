package gw.gateway.state;

import gw.traces.pg.StoreUrl;
import gw.traces.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The control store a contract test runs against, each test in a place of its own. */
enum ControlStores {
  SQLITE, POSTGRES;

  /** A temporary directory for SQLite, a fresh database for PostgreSQL. */
  Place place(Path dir, PostgresServer postgres) {
    return new Place(this, dir, this == POSTGRES ? StoreUrl.parse(postgres.freshDatabase(), null) : null, postgres);
  }

  /** One test's store location; each open sees what earlier stores there wrote. */
  record Place(ControlStores kind, Path dir, StoreUrl url, PostgresServer postgres) {
    ControlStore open() {
      return kind == SQLITE ? SqliteControlStore.open(dir) : PgControlStore.open(postgres.vertx(), url);
    }

    AuditChainCheck.Result verify() {
      return kind == SQLITE ? AuditChainCheck.verify(dir) : AuditChainCheck.verify(postgres.vertx(), url);
    }

    /** A plain connection to the control tables, as another client (sqlite3, psql) would have. */
    Connection connect() throws SQLException {
      if (kind == SQLITE) {
        return RawSqlite.open(dir.resolve("control.db"));
      }
      Connection c = postgres.connect(url.database());
      try (Statement s = c.createStatement()) {
        s.execute("SET search_path TO " + PgControlStore.SCHEMA);
      }
      return c;
    }

    void execute(String sql) throws SQLException {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    /** The first column of every row, one per line. */
    String text(String sql) throws SQLException {
      try (Connection c = connect()) {
        return RawSqlite.text(c, sql);
      }
    }

    /** What a tamperer with the database's owner rights does first: the append-only triggers go. */
    void liftAppendOnlyGuards() throws SQLException {
      if (kind == SQLITE) {
        execute("DROP TRIGGER audit_no_update");
        execute("DROP TRIGGER audit_no_delete");
      } else {
        execute("ALTER TABLE audit DISABLE TRIGGER audit_no_update");
      }
    }
  }
}
