package gw.traces.store;

import gw.traces.TraceRecord;
import gw.traces.pg.PgDatabase;
import gw.traces.pg.PgStoreException;
import gw.traces.pg.StoreUrl;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Trace store in PostgreSQL (schema {@code gw_traces}, migrated at open), shared by every gateway
 * instance pointed at the database. Writes as {@link SqliteTraceStore} does, but a batch that fails
 * (the database unreachable) is held and retried with backoff while new records wait in the bounded
 * queue; only what the full queue refuses is dropped and counted. Reads are blocking: call them
 * from workers. Trace retention is not applied to this store (docs/TRACES.md).
 */
public final class PgTraceStore extends QueuedTraceStore {
  public static final String SCHEMA = "gw_traces";
  /** The writer's connection and a few concurrent admin reads. */
  private static final int POOL_SIZE = 4;

  private final PgDatabase database;

  private PgTraceStore(PgDatabase database, StoreOptions options) {
    super(options, new Sink(database), BatchWriter.OnFailure.RETRY, database.url().describe());
    this.database = database;
  }

  /** Migrates the schema and opens the pool; fails fast, naming host, port, database and user. */
  public static PgTraceStore open(Vertx vertx, StoreUrl url, StoreOptions options) {
    try {
      return new PgTraceStore(PgDatabase.open(vertx, url, SCHEMA, POOL_SIZE), options);
    } catch (PgStoreException e) {
      throw new TraceStoreException(e.getMessage(), e);
    }
  }

  public String describe() {
    return database.url().describe();
  }

  @Override
  public Availability availability() {
    return database.availability();
  }

  @Override
  public Optional<TraceRecord> findById(String traceId) {
    return read("find trace " + traceId, () -> database.statements(s -> TraceReads.findById(s, traceId)));
  }

  @Override
  public TracePage query(TraceQuery query) {
    return read("query traces", () -> database.statements(s -> TraceReads.query(s, query)));
  }

  @Override
  void closeReads() {
    database.close();
  }

  private interface Read<T> {
    T run() throws SQLException;
  }

  private <T> T read(String what, Read<T> read) {
    try {
      return read.run();
    } catch (SQLException e) {
      throw new TraceStoreException("cannot " + what + " in " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** One transaction per batch on a pooled connection. */
  private record Sink(PgDatabase database) implements BatchSink {
    @Override
    public int write(List<TraceRecord> batch) throws SQLException {
      return database.inTransaction(s -> s.batch(TraceSchema.INSERT, TraceSchema.rows(batch)));
    }

    @Override
    public void close() {
      // the pool is closed with the reads, after the writer ends
    }
  }
}
