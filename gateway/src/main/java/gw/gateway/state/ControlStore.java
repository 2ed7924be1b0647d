package gw.gateway.state;

import gw.traces.store.Availability;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's durable control state: the append-only, hash-chained audit log, the breaker modes
 * operators set, the prompt registry's changes, the incidents and the aggregated spend ledger.
 * Embedded in {@code <dataDir>/control.db} ({@link SqliteControlStore}) or shared by several
 * instances in PostgreSQL ({@link PgControlStore}). Blocking and thread-safe: call it from workers,
 * never from an event loop. Every operation is one transaction that commits or rolls back as a
 * whole; a database failure is a {@link StateStoreException} naming the operation and the store.
 */
public interface ControlStore extends AutoCloseable {
  /** The store for log lines and messages: a file, or a URL without its password. */
  String describe();

  /** Operations the database failed (a full disk, an I/O error, a constraint, an outage) since the store opened. */
  long failures();

  /** Whether the database answers; the embedded store is always up. */
  default Availability availability() {
    return Availability.EMBEDDED;
  }

  /** Assigns the next id (ids only grow, with no gaps), stores the entry and returns it as stored. */
  AuditEntry appendAudit(AuditEntry.Draft draft);

  /** Newest first. */
  List<AuditEntry> audit(AuditQuery query);

  /**
   * One transaction: the audit entry and the breaker's new mode (an upsert by incident class) are
   * both written, or neither, so a crash between them cannot leave an audited change that is not in
   * force after a restart. Returns the stored audit entry.
   */
  AuditEntry recordBreakerModeChange(AuditEntry.Draft draft, BreakerModeRow row);

  /** Keyed by incident class. */
  Map<String, BreakerModeRow> breakerModes();

  /**
   * One transaction: the audit entry and the prompt's new registry state are both written, or
   * neither. Returns the stored audit entry.
   */
  AuditEntry recordPromptChange(AuditEntry.Draft draft, String promptId, String stateJson);

  /** Each prompt's saved registry state (JSON), keyed by prompt id. */
  Map<String, String> promptStates();

  /** One transaction: all deltas (and their tags) are added, or none. */
  void addSpend(List<SpendDelta> deltas);

  /** Totals grouped by the query's dimension, highest cost first. */
  List<SpendRow> spend(SpendQuery query);

  /**
   * Cost recorded for dimension = value (e.g. "tenant", "acme") on fromDay and every later day;
   * a null value means the "(none)" bucket. Used to restore budgets after a restart.
   */
  double spentSince(LocalDate fromDay, String dimension, String value);

  /** Upsert by incident id. */
  void saveIncident(IncidentRow row);

  /** The newest {@code limit} incidents, newest first. */
  List<IncidentRow> incidents(int limit);

  Optional<IncidentRow> incident(String id);

  /** How many incident ids start with {@code prefix}. */
  int incidentsWithPrefix(String prefix);

  @Override
  void close();
}
