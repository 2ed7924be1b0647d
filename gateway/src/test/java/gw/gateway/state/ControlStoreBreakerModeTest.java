package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlStoreBreakerModeTest {
  private static final Instant T0 = Instant.parse("2025-03-14T12:00:00.250Z");

  @TempDir Path dir;

  @Test
  void aNewStoreHasNoBreakerModes() {
    try (ControlStore store = ControlStore.open(dir)) {
      assertThat(store.breakerModes()).isEmpty();
    }
  }

  @Test
  void savingAgainForTheSameIncidentClassReplacesTheRow() {
    try (ControlStore store = ControlStore.open(dir)) {
      store.saveBreakerMode(new BreakerModeRow("model_outage", "forced_open", "provider down", "alice", T0));
      store.saveBreakerMode(new BreakerModeRow("cost_spike", "forced_closed", null, "bob", T0));
      BreakerModeRow back = new BreakerModeRow("model_outage", "auto", null, "carol", T0.plusSeconds(600));
      store.saveBreakerMode(back);

      assertThat(store.breakerModes()).hasSize(2)
          .containsEntry("model_outage", back)
          .containsEntry("cost_spike", new BreakerModeRow("cost_spike", "forced_closed", null, "bob", T0));
    }
  }

  @Test
  void keepsTheTimeToTheMillisecond() {
    try (ControlStore store = ControlStore.open(dir)) {
      store.saveBreakerMode(new BreakerModeRow("data_incident", "forced_open", null, "alice",
          Instant.parse("2025-03-14T12:00:00.250999Z")));

      assertThat(store.breakerModes().get("data_incident").at()).isEqualTo(T0);
    }
  }
}
