package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlStoreBreakerModeTest extends ControlStoreSuite {
  private static final Instant T0 = Instant.parse("2025-03-14T12:00:00.250Z");

  @Test
  void aNewStoreHasNoBreakerModes() {
    try (ControlStore store = place.open()) {
      assertThat(store.breakerModes()).isEmpty();
    }
  }

  @Test
  void savingAgainForTheSameIncidentClassReplacesTheRow() {
    try (ControlStore store = place.open()) {
      save(store, new BreakerModeRow("model_outage", "forced_open", "provider down", "alice", T0));
      save(store, new BreakerModeRow("cost_spike", "forced_closed", null, "bob", T0));
      BreakerModeRow back = new BreakerModeRow("model_outage", "auto", null, "carol", T0.plusSeconds(600));
      save(store, back);

      assertThat(store.breakerModes()).hasSize(2)
          .containsEntry("model_outage", back)
          .containsEntry("cost_spike", new BreakerModeRow("cost_spike", "forced_closed", null, "bob", T0));
    }
  }

  @Test
  void theModeAndItsAuditEntryAreWrittenTogether() {
    try (ControlStore store = place.open()) {
      AuditEntry entry = save(store, new BreakerModeRow("cost_spike", "observe", "tuning", "alice", T0));

      assertThat(store.audit(new AuditQuery(null, null, null, null, null, 10))).containsExactly(entry);
      assertThat(entry.target()).isEqualTo("breaker/cost_spike");
    }
  }

  @Test
  void keepsTheTimeToTheMillisecond() {
    try (ControlStore store = place.open()) {
      save(store, new BreakerModeRow("data_incident", "forced_open", null, "alice",
          Instant.parse("2025-03-14T12:00:00.250999Z")));

      assertThat(store.breakerModes().get("data_incident").at()).isEqualTo(T0);
    }
  }

  private static AuditEntry save(ControlStore store, BreakerModeRow row) {
    return store.recordBreakerModeChange(new AuditEntry.Draft(row.at(), row.actor(), "operator", "breaker.set_mode",
        "breaker/" + row.incidentClass(), row.reason(), Map.of("to", row.mode())), row);
  }
}
