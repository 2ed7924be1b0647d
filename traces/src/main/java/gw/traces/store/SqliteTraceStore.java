package gw.traces.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import gw.traces.InvalidTraceException;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import gw.traces.concurrent.LingeringQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trace store in {@code <dataDir>/traces.db} (SQLite, WAL). {@link #offer} only validates and
 * enqueues, so it is safe on an event loop; one writer thread does all disk work; reads use their
 * own connections and may be called from any number of worker threads.
 */
public final class SqliteTraceStore implements TraceStore {
  public static final String FILE_NAME = "traces.db";
  private static final System.Logger LOG = System.getLogger(SqliteTraceStore.class.getName());
  private static final long CLOSE_WAIT_MS = 30_000;

  private final SqliteConnections connections;
  private final LingeringQueue<TraceRecord> queue;
  private final BatchWriter writer;
  private final Thread writerThread;
  private final ReadConnections readers;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean closed;

  SqliteTraceStore(Path dataDir, StoreOptions options, WriteHook hook) {
    this.connections = new SqliteConnections(prepareFile(dataDir));
    this.queue = new LingeringQueue<>(options.queueCapacity(), BatchWriter.LINGER);
    this.writer = new BatchWriter(queue, connections, openAndMigrate(), options.maxBatchSize(), hook);
    this.readers = new ReadConnections(connections);
    this.writerThread = new Thread(writer, "trace-store-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  /** Opens (creating if needed) the store under dataDir; fails fast if the file cannot be used. */
  public static SqliteTraceStore open(Path dataDir, StoreOptions options) {
    return new SqliteTraceStore(dataDir, options, WriteHook.NONE);
  }

  public Path file() {
    return connections.file();
  }

  @Override
  public boolean offer(TraceRecord record) {
    List<String> violations = TraceValidator.violations(record);
    if (!violations.isEmpty()) {
      rejected.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING,
          InvalidTraceException.describe(record == null ? null : record.traceId(), violations));
      return false;
    }
    if (closed || !queue.offer(record)) {
      writer.countDropped();
      return false;
    }
    accepted.incrementAndGet();
    return true;
  }

  @Override
  public Optional<TraceRecord> findById(String traceId) {
    return readers.read("find trace " + traceId, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT record FROM traces WHERE trace_id = ?")) {
        ps.setString(1, traceId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(parse(rs.getString(1))) : Optional.<TraceRecord>empty();
        }
      }
    });
  }

  @Override
  public TracePage query(TraceQuery query) {
    QuerySql sql = QuerySql.of(query);
    return readers.read("query traces", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
        for (int i = 0; i < sql.params().size(); i++) {
          ps.setObject(i + 1, sql.params().get(i));
        }
        return page(ps, query.limit());
      }
    });
  }

  private static TracePage page(PreparedStatement ps, int limit) throws SQLException {
    List<TraceRecord> items = new ArrayList<>();
    PageCursor last = null;
    boolean more = false;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (items.size() == limit) {
          more = true;
          break;
        }
        last = new PageCursor(rs.getLong(1), rs.getString(2));
        items.add(parse(rs.getString(3)));
      }
    }
    return new TracePage(items, more ? last.encode() : null);
  }

  @Override
  public long stored() {
    return writer.stored();
  }

  @Override
  public long dropped() {
    return writer.dropped();
  }

  @Override
  public long rejected() {
    return rejected.get();
  }

  @Override
  public void flush() {
    writer.awaitProcessed(accepted.get(), writerThread);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    flush();
    writer.stop();
    try {
      writerThread.join(CLOSE_WAIT_MS);
      if (writerThread.isAlive()) {
        writerThread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      readers.close();
    }
  }

  private static TraceRecord parse(String json) throws SQLException {
    try {
      return TraceJson.MAPPER.readValue(json, TraceRecord.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored record is not a readable trace: " + e.getOriginalMessage(), e);
    }
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

  private Connection openAndMigrate() {
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
