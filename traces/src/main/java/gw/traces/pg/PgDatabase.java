package gw.traces.pg;

import gw.traces.sql.SqlSession;
import gw.traces.store.Availability;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One store's PostgreSQL schema: migrated by Flyway when opened, then used through a small
 * vertx-pg-client pool. Operations run on the pool's own event-loop context while the calling
 * thread (a worker, never an event loop) waits, so the stores stay blocking as the SQLite ones are.
 * Every answer and failure feeds {@link #availability()}; outages are logged when they start and end.
 */
public final class PgDatabase implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PgDatabase.class.getName());
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);
  /** SQLSTATE classes that mean the database itself is unreachable or refusing work, not one bad statement. */
  private static final Set<String> OUTAGE_CLASSES = Set.of("08", "28", "3D", "53", "57");

  private final StoreUrl url;
  private final Pool pool;
  private final Context context;
  private final AvailabilityTracker availability;

  private PgDatabase(StoreUrl url, Pool pool, Context context, Clock clock) {
    this.url = url;
    this.pool = pool;
    this.context = context;
    this.availability = new AvailabilityTracker(clock);
  }

  /**
   * Migrates {@code schema} with the migrations under {@code classpath:db/migration/<schema>}, then
   * opens a pool of at most {@code poolSize} connections whose search_path is that schema. Throws
   * {@link PgStoreException} naming host, port, database and user and the cause.
   */
  public static PgDatabase open(Vertx vertx, StoreUrl url, String schema, int poolSize) {
    Migrations.run(url, schema, CONNECT_TIMEOUT);
    return connect(vertx, url, schema, poolSize);
  }

  /** The pool alone, for a reader that must not change the database (no migration); connects on first use. */
  public static PgDatabase connect(Vertx vertx, StoreUrl url, String schema, int poolSize) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(url.host()).setPort(url.port()).setDatabase(url.database())
        .setUser(url.user()).setPassword(url.password())
        .addProperty("search_path", schema)
        .addProperty("application_name", "gw");
    // A context of the pool's own, so a caller on a worker never waits for work queued behind itself.
    Context context = ((VertxInternal) vertx).createEventLoopContext();
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize))
        .with(new NetClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()))
        .connectingTo(connect).using(vertx).build();
    return new PgDatabase(url, pool, context, Clock.systemUTC());
  }

  public StoreUrl url() {
    return url;
  }

  public Availability availability() {
    return availability.current();
  }

  /** One transaction on one connection: committed when {@code work} returns, rolled back when it throws. */
  public <T> T inTransaction(SqlSession.Work<T> work) throws SQLException {
    SqlConnection connection = await(pool::getConnection);
    try {
      Transaction tx = await(connection::begin);
      try {
        T result = work.apply(new PgSession(this, connection));
        await(tx::commit);
        return result;
      } catch (SQLException | RuntimeException e) {
        context.runOnContext(v -> tx.rollback());
        throw e;
      }
    } finally {
      context.runOnContext(v -> connection.close());
    }
  }

  /** Statements on pooled connections, each its own transaction (for reads of one statement). */
  public <T> T statements(SqlSession.Work<T> work) throws SQLException {
    return work.apply(new PgSession(this, pool));
  }

  /** Runs {@code operation} on the pool's context and waits for its outcome. */
  <T> T await(Supplier<Future<T>> operation) throws SQLException {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        operation.get().onComplete(done::complete, done::completeExceptionally);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    try {
      T result = done.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      answered();
      return result;
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    } catch (TimeoutException e) {
      throw outage(new SQLException("PostgreSQL at " + url.describe() + " did not answer within "
          + OPERATION_TIMEOUT.toSeconds() + " s", "08006"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for PostgreSQL at " + url.describe(), e);
    }
  }

  private SQLException failure(Throwable cause) {
    if (cause instanceof PgException pg) {
      SQLException e = new SQLException(pg.getMessage(), pg.getSqlState(), pg);
      if (pg.getSqlState() != null && OUTAGE_CLASSES.contains(pg.getSqlState().substring(0, 2))) {
        return outage(e);
      }
      answered(); // the server answered: the statement failed, not the database
      return e;
    }
    return outage(new SQLException("cannot reach PostgreSQL at " + url.describe() + ": " + cause, "08006", cause));
  }

  private void answered() {
    Availability outage = availability.up();
    if (outage != null) {
      LOG.log(Level.INFO, "PostgreSQL store " + url.describe() + " answers again, after an outage since "
          + outage.since() + " (" + outage.lastError() + ")");
    }
  }

  private SQLException outage(SQLException e) {
    if (availability.down(e.getMessage())) {
      LOG.log(Level.WARNING, "PostgreSQL store " + url.describe() + " is unreachable: " + e.getMessage()
          + "; retrying as work comes in");
    }
    return e;
  }

  @Override
  public void close() {
    try {
      await(pool::close);
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "closing the pool of " + url.describe() + ": " + e.getMessage());
    }
  }
}
