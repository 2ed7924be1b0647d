package gw.gateway.state;

import gw.traces.pg.PgDatabase;
import gw.traces.pg.PgStoreException;
import gw.traces.pg.StoreUrl;
import gw.traces.sql.SqlSession;
import gw.traces.store.Availability;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control state in PostgreSQL (schema {@code gw_control}, migrated at open), shared by every
 * gateway instance pointed at the database. Operations run concurrently on pooled connections,
 * each one transaction; audit appends queue on the {@code audit_head} row, so ids stay gap-free and
 * the hash chain a line whichever instance appends.
 */
public final class PgControlStore extends SqlControlStore {
  public static final String SCHEMA = "gw_control";
  private static final int POOL_SIZE = 4;

  private final PgDatabase database;
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean closed;

  private PgControlStore(PgDatabase database) {
    super(ControlDialect.POSTGRES);
    this.database = database;
  }

  /** Migrates the schema and opens the pool; fails fast, naming host, port, database and user. */
  public static PgControlStore open(Vertx vertx, StoreUrl url) {
    try {
      return new PgControlStore(PgDatabase.open(vertx, url, SCHEMA, POOL_SIZE));
    } catch (PgStoreException e) {
      throw new StateStoreException(e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return database.url().describe();
  }

  @Override
  public long failures() {
    return failures.get();
  }

  @Override
  public Availability availability() {
    return database.availability();
  }

  @Override
  <T> T inTransaction(String what, SqlSession.Work<T> work) {
    if (closed) {
      throw new IllegalStateException("control store " + describe() + " is closed; cannot " + what);
    }
    try {
      return database.inTransaction(work);
    } catch (SQLException e) {
      failures.incrementAndGet();
      throw new StateStoreException("cannot " + what + " in " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      database.close();
    }
  }
}
