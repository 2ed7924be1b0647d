package gw.gateway.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The gateway's durable control state in {@code <dataDir>/control.db}: the append-only audit log,
 * the breaker modes operators set, and the aggregated spend ledger. Blocking and thread-safe: one
 * connection, one operation (one transaction) at a time, so call it from workers, never from an
 * event loop. Every operation commits or rolls back as a whole.
 */
public final class ControlStore implements AutoCloseable {
  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private final Path file;
  /** Null after a failed operation discarded it; the next operation opens a new one. */
  private Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong failures = new AtomicLong();
  private boolean closed;

  private ControlStore(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens or creates <dataDir>/control.db (creating dirs); fails fast with StateStoreException naming the file and the fix. */
  public static ControlStore open(Path dataDir) {
    Path file = ControlDatabase.prepareFile(Objects.requireNonNull(dataDir, "dataDir"));
    return new ControlStore(file, ControlDatabase.open(file));
  }

  public Path file() {
    return file;
  }

  /** Operations SQLite failed (a full disk, an I/O error, a constraint), since the store opened. */
  public long failures() {
    return failures.get();
  }

  /** Assigns the next id (ids only grow), stores the entry and returns it as stored. */
  public AuditEntry appendAudit(AuditEntry.Draft draft) {
    Objects.requireNonNull(draft, "draft");
    return inTransaction("append an audit entry", c -> AuditTable.append(c, draft));
  }

  /** Newest first. */
  public List<AuditEntry> audit(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    return inTransaction("read the audit log", c -> AuditTable.query(c, query));
  }

  /**
   * One transaction: the audit entry and the breaker's new mode (an upsert by incident class) are
   * both written, or neither, so a crash between them cannot leave an audited change that is not in
   * force after a restart. Returns the stored audit entry.
   */
  public AuditEntry recordBreakerModeChange(AuditEntry.Draft draft, BreakerModeRow row) {
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(row, "row");
    return inTransaction("record the breaker mode of " + row.incidentClass(), c -> {
      AuditEntry entry = AuditTable.append(c, draft);
      BreakerModeTable.save(c, row);
      return entry;
    });
  }

  /** Keyed by incident class. */
  public Map<String, BreakerModeRow> breakerModes() {
    return inTransaction("read breaker modes", BreakerModeTable::all);
  }

  /**
   * One transaction: the audit entry and the prompt's new registry state are both written, or
   * neither. Returns the stored audit entry.
   */
  public AuditEntry recordPromptChange(AuditEntry.Draft draft, String promptId, String stateJson) {
    Objects.requireNonNull(draft, "draft");
    return inTransaction("record a change of prompt " + promptId, c -> {
      AuditEntry entry = AuditTable.append(c, draft);
      PromptStateTable.save(c, promptId, stateJson, draft.at());
      return entry;
    });
  }

  /** Each prompt's saved registry state (JSON), keyed by prompt id. */
  public Map<String, String> promptStates() {
    return inTransaction("read prompt states", PromptStateTable::all);
  }

  /** One transaction: all deltas (and their tags) are added, or none. */
  public void addSpend(List<SpendDelta> deltas) {
    List<SpendDelta> copy = List.copyOf(deltas);
    if (copy.isEmpty()) {
      return;
    }
    inTransaction("add " + copy.size() + " spend deltas", c -> {
      SpendTable.add(c, copy);
      return null;
    });
  }

  /** Totals grouped by the query's dimension, highest cost first. */
  public List<SpendRow> spend(SpendQuery query) {
    Objects.requireNonNull(query, "query");
    return inTransaction("read spend by " + query.dimension(), c -> SpendTable.query(c, query));
  }

  /**
   * Cost recorded for dimension = value (e.g. "tenant", "acme") on fromDay and every later day;
   * a null value means the "(none)" bucket. Used to restore budgets after a restart.
   */
  public double spentSince(LocalDate fromDay, String dimension, String value) {
    Objects.requireNonNull(fromDay, "fromDay");
    SpendDimension dim = SpendDimension.parse(dimension);
    return inTransaction("sum spend for " + dimension + " " + value + " since " + fromDay,
        c -> SpendTable.spentSince(c, fromDay, dim, value));
  }

  /** Upsert by incident id. */
  public void saveIncident(IncidentRow row) {
    Objects.requireNonNull(row, "row");
    inTransaction("save incident " + row.id(), c -> {
      IncidentTable.save(c, row);
      return null;
    });
  }

  /** The newest {@code limit} incidents, newest first. */
  public List<IncidentRow> incidents(int limit) {
    return inTransaction("read incidents", c -> IncidentTable.newest(c, limit));
  }

  public java.util.Optional<IncidentRow> incident(String id) {
    return inTransaction("read incident " + id, c -> IncidentTable.byId(c, id));
  }

  /** How many incident ids start with {@code prefix}. */
  public int incidentsWithPrefix(String prefix) {
    return inTransaction("count incidents", c -> IncidentTable.countWithPrefix(c, prefix));
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        ControlDatabase.closeQuietly(connection);
        connection = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T inTransaction(String what, Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("control store " + file + " is closed; cannot " + what);
      }
      try {
        if (connection == null) {
          connection = ControlDatabase.connect(file);
        }
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException e) {
        discardConnection(e);
        throw new StateStoreException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        rollback(e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void rollback(Exception cause) {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * After a full disk or an I/O error SQLite rolls the transaction back by itself, and the driver,
   * which still believes one is open, then lets every statement commit alone and fails every commit
   * (sqlite-jdbc issue #683): spend retried after such a "failure" would count twice. Only a new
   * connection is trustworthy.
   */
  private void discardConnection(SQLException cause) {
    failures.incrementAndGet();
    rollback(cause);
    ControlDatabase.closeQuietly(connection);
    connection = null;
  }
}
