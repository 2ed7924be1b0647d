package gw.gateway.state;

import gw.traces.sql.SqlSession;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Every operation of {@link ControlStore} as one transaction over the shared table code; subclasses run it. */
abstract class SqlControlStore implements ControlStore {
  private final ControlDialect dialect;

  SqlControlStore(ControlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Runs {@code work} as one transaction: committed when it returns; rolled back when it throws, a
   * database failure then becoming a {@link StateStoreException} that names {@code what} and the store.
   */
  abstract <T> T inTransaction(String what, SqlSession.Work<T> work);

  @Override
  public AuditEntry appendAudit(AuditEntry.Draft draft) {
    Objects.requireNonNull(draft, "draft");
    return inTransaction("append an audit entry", s -> AuditTable.append(s, dialect, draft));
  }

  @Override
  public List<AuditEntry> audit(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    return inTransaction("read the audit log", s -> AuditTable.query(s, query));
  }

  @Override
  public AuditEntry recordBreakerModeChange(AuditEntry.Draft draft, BreakerModeRow row) {
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(row, "row");
    return inTransaction("record the breaker mode of " + row.incidentClass(), s -> {
      AuditEntry entry = AuditTable.append(s, dialect, draft);
      BreakerModeTable.save(s, row);
      return entry;
    });
  }

  @Override
  public Map<String, BreakerModeRow> breakerModes() {
    return inTransaction("read breaker modes", BreakerModeTable::all);
  }

  @Override
  public AuditEntry recordPromptChange(AuditEntry.Draft draft, String promptId, String stateJson) {
    Objects.requireNonNull(draft, "draft");
    return inTransaction("record a change of prompt " + promptId, s -> {
      AuditEntry entry = AuditTable.append(s, dialect, draft);
      PromptStateTable.save(s, promptId, stateJson, draft.at());
      return entry;
    });
  }

  @Override
  public Map<String, String> promptStates() {
    return inTransaction("read prompt states", PromptStateTable::all);
  }

  @Override
  public void addSpend(List<SpendDelta> deltas) {
    List<SpendDelta> copy = List.copyOf(deltas);
    if (copy.isEmpty()) {
      return;
    }
    inTransaction("add " + copy.size() + " spend deltas", s -> {
      SpendTable.add(s, copy);
      return null;
    });
  }

  @Override
  public List<SpendRow> spend(SpendQuery query) {
    Objects.requireNonNull(query, "query");
    return inTransaction("read spend by " + query.dimension(), s -> SpendTable.query(s, query));
  }

  @Override
  public double spentSince(LocalDate fromDay, String dimension, String value) {
    Objects.requireNonNull(fromDay, "fromDay");
    SpendDimension dim = SpendDimension.parse(dimension);
    return inTransaction("sum spend for " + dimension + " " + value + " since " + fromDay,
        s -> SpendTable.spentSince(s, fromDay, dim, value));
  }

  @Override
  public void saveIncident(IncidentRow row) {
    Objects.requireNonNull(row, "row");
    inTransaction("save incident " + row.id(), s -> {
      IncidentTable.save(s, row);
      return null;
    });
  }

  @Override
  public List<IncidentRow> incidents(int limit) {
    return inTransaction("read incidents", s -> IncidentTable.newest(s, limit));
  }

  @Override
  public Optional<IncidentRow> incident(String id) {
    return inTransaction("read incident " + id, s -> IncidentTable.byId(s, id));
  }

  @Override
  public int incidentsWithPrefix(String prefix) {
    return inTransaction("count incidents", s -> IncidentTable.countWithPrefix(s, prefix));
  }
}
