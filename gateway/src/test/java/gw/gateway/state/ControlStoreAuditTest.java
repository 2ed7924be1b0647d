package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.traces.json.Json;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlStoreAuditTest extends ControlStoreSuite {
  private static final Instant T0 = Instant.parse("2025-03-14T12:00:00Z");

  private ControlStore store;

  @BeforeEach
  void open() {
    store = place.open();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void appendAssignsIncreasingIdsAndReturnsTheEntryAsStored() {
    AuditEntry first = store.appendAudit(draft(T0, "alice", "breaker.force_open", "model_outage"));
    AuditEntry second = store.appendAudit(draft(T0, "alice", "breaker.auto", "model_outage"));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(first).isEqualTo(new AuditEntry(first.id(), T0, "alice", "operator", "breaker.force_open",
        "model_outage", "because", Map.of()));
    assertThat(all()).containsExactly(second, first);
  }

  @Test
  void keepsTimestampsToTheMillisecondAsIsoTextAndEpochMillis() throws SQLException {
    Instant precise = Instant.parse("2025-03-14T12:30:45.123456789Z");

    AuditEntry stored = store.appendAudit(draft(precise, "alice", "x", null));

    assertThat(stored.at()).isEqualTo(Instant.parse("2025-03-14T12:30:45.123Z"));
    assertThat(place.text("SELECT at || ' ' || at_ms FROM audit"))
        .isEqualTo("2025-03-14T12:30:45.123Z " + stored.at().toEpochMilli());
  }

  @Test
  void listsNewestFirstAndFiltersByActorActionTargetAndSince() {
    AuditEntry a = store.appendAudit(draft(T0, "alice", "breaker.force_open", "model_outage"));
    AuditEntry b = store.appendAudit(draft(T0.plusSeconds(60), "bob", "breaker.force_open", "cost_spike"));
    AuditEntry c = store.appendAudit(draft(T0.plusSeconds(120), "alice", "budget.set", "acme"));

    assertThat(all()).containsExactly(c, b, a);
    assertThat(store.audit(new AuditQuery("alice", null, null, null, null, 10))).containsExactly(c, a);
    assertThat(store.audit(new AuditQuery(null, "breaker.force_open", null, null, null, 10))).containsExactly(b, a);
    assertThat(store.audit(new AuditQuery(null, null, "cost_spike", null, null, 10))).containsExactly(b);
    assertThat(store.audit(new AuditQuery(null, null, null, T0.plusSeconds(60), null, 10))).containsExactly(c, b);
    assertThat(store.audit(new AuditQuery("alice", "breaker.force_open", null, null, null, 10))).containsExactly(a);
    assertThat(store.audit(new AuditQuery("carol", null, null, null, null, 10))).isEmpty();
  }

  @Test
  void pagesBackwardsWithTheBeforeIdCursor() {
    List<AuditEntry> written = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      written.add(store.appendAudit(draft(T0.plusSeconds(i), "alice", "a" + i, null)));
    }

    List<AuditEntry> seen = new ArrayList<>();
    Long cursor = null;
    List<AuditEntry> page;
    do {
      page = store.audit(new AuditQuery(null, null, null, null, cursor, 3));
      seen.addAll(page);
      cursor = page.isEmpty() ? null : page.get(page.size() - 1).id();
    } while (page.size() == 3);

    Collections.reverse(written);
    assertThat(seen).containsExactlyElementsOf(written);
  }

  @Test
  void storesDetailsAsJsonTextAndReadsThemBackAsAMap() throws Exception {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", "auto");
    details.put("to", "forced_open");
    details.put("window_s", 60);
    details.put("ratio", 0.25);
    details.put("models", List.of("gpt-4o", "gpt-4o-mini"));
    details.put("limits", Map.of("rpm", 100));
    details.put("note", null);

    AuditEntry stored = store.appendAudit(new AuditEntry.Draft(T0, "alice", "operator", "breaker.force_open",
        "model_outage", null, details));

    assertThat(stored.details()).isEqualTo(details);
    assertThat(all().get(0).details()).isEqualTo(details);
    assertThat(Json.MAPPER.readTree(place.text("SELECT details FROM audit")).at("/limits/rpm").asInt()).isEqualTo(100);
  }

  @Test
  void missingDetailsAreStoredAsAnEmptyObject() throws SQLException {
    AuditEntry stored = store.appendAudit(new AuditEntry.Draft(T0, "alice", "operator", "x", null, null, null));

    assertThat(stored.details()).isEmpty();
    assertThat(place.text("SELECT details FROM audit")).isEqualTo("{}");
  }

  @Test
  void detailsThatAreNotJsonAreRejectedAndNothingIsWritten() {
    Map<String, Object> details = Map.of("thing", new Object());

    assertThatThrownBy(() -> store.appendAudit(new AuditEntry.Draft(T0, "alice", "operator", "x", null, null, details)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("audit details cannot be written as JSON");
    assertThat(all()).isEmpty();
  }

  @Test
  void theSchemaRefusesUpdatingAnEntry() throws SQLException {
    store.appendAudit(draft(T0, "alice", "breaker.force_open", "model_outage"));

    assertThatThrownBy(() -> place.execute("UPDATE audit SET actor = 'mallory'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit is append-only: UPDATE is refused");
    assertThat(all()).extracting(AuditEntry::actor).containsExactly("alice");
  }

  @Test
  void theSchemaRefusesDeletingAnEntry() throws SQLException {
    store.appendAudit(draft(T0, "alice", "breaker.force_open", "model_outage"));

    assertThatThrownBy(() -> place.execute("DELETE FROM audit"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit is append-only: DELETE is refused");
    assertThat(all()).hasSize(1);
  }

  @Test
  void aLimitOutsideOneTo500IsRejected() {
    assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 500");
    assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, 501))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 500");
  }

  private List<AuditEntry> all() {
    return store.audit(new AuditQuery(null, null, null, null, null, 500));
  }

  private static AuditEntry.Draft draft(Instant at, String actor, String action, String target) {
    return new AuditEntry.Draft(at, actor, "operator", action, target, "because", null);
  }
}
