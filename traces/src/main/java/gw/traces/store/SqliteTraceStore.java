package gw.traces.store;

import gw.traces.TraceRecord;
import gw.traces.sql.JdbcSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Trace store in {@code <dataDir>/traces.db} (SQLite, WAL). {@link #offer} only validates and
 * enqueues, so it is safe on an event loop; one writer thread does all disk work and drops a batch
 * that fails (counted); reads use their own connections and may be called from any number of worker
 * threads.
 */
public final class SqliteTraceStore extends QueuedTraceStore {
  public static final String FILE_NAME = "traces.db";

  private final SqliteConnections connections;
  private final ReadConnections readers;

  private SqliteTraceStore(SqliteConnections connections, StoreOptions options, WriteHook hook) {
    super(options, new SqliteBatchSink(connections, openAndMigrate(connections), hook), BatchWriter.OnFailure.DROP,
        connections.file().toString());
    this.connections = connections;
    this.readers = new ReadConnections(connections);
  }

  SqliteTraceStore(Path dataDir, StoreOptions options, WriteHook hook) {
    this(new SqliteConnections(prepareFile(dataDir)), options, hook);
  }

  /** Opens (creating if needed) the store under dataDir; fails fast if the file cannot be used. */
  public static SqliteTraceStore open(Path dataDir, StoreOptions options) {
    return new SqliteTraceStore(dataDir, options, WriteHook.NONE);
  }

  public Path file() {
    return connections.file();
  }

  @Override
  public Optional<TraceRecord> findById(String traceId) {
    return readers.read("find trace " + traceId, c -> TraceReads.findById(new JdbcSession(c), traceId));
  }

  @Override
  public TracePage query(TraceQuery query) {
    return readers.read("query traces", c -> TraceReads.query(new JdbcSession(c), query));
  }

  @Override
  void closeReads() {
    readers.close();
  }

  private static Path prepareFile(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new TraceStoreException("cannot create trace data directory " + dataDir + ": " + e
          + "; point the data directory at a writable location", e);
    }
    if (Files.isDirectory(file)) {
      throw new TraceStoreException(file + " is a directory, not a database file; remove it or use"
          + " another data directory");
    }
    return file;
  }

  private static Connection openAndMigrate(SqliteConnections connections) {
    Connection c = null;
    try {
      c = connections.openWriter();
      TraceSchema.migrate(c, connections.file().toString());
      c.commit();
      return c;
    } catch (SQLException | TraceStoreException e) {
      if (c != null) {
        ReadConnections.closeQuietly(c);
      }
      if (e instanceof TraceStoreException tse) {
        throw tse;
      }
      throw new TraceStoreException("cannot open trace database " + connections.file() + ": "
          + e.getMessage() + "; check that the data directory is writable", e);
    }
  }
}
