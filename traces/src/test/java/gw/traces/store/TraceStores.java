package gw.traces.store;

import gw.traces.pg.StoreUrl;
import gw.traces.testing.PostgresServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** The trace store a contract test runs against, each test in a place of its own. */
enum TraceStores {
  SQLITE, POSTGRES;

  /** A temporary directory for SQLite, a fresh database for PostgreSQL. */
  Place place(Path dir, PostgresServer postgres) {
    return new Place(this, dir, this == POSTGRES ? postgres.freshDatabase() : null, postgres.vertx());
  }

  /** One test's store location; each open sees what earlier stores there wrote. */
  record Place(TraceStores kind, Path dir, String url, Vertx vertx) {
    TraceStore open(StoreOptions options) {
      return kind == SQLITE ? SqliteTraceStore.open(dir, options)
          : PgTraceStore.open(vertx, StoreUrl.parse(url, null), options);
    }

    TraceStore open() {
      return open(StoreOptions.defaults());
    }
  }
}
