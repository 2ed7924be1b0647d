package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every control store keeps across a reopen: audit, modes, spend, prompts, incidents; and close. */
class ControlStoreLifecycleTest extends ControlStoreSuite {
  private static final Instant AT = Instant.parse("2025-03-14T12:30:45.123Z");
  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  @Test
  void keepsAuditBreakerModesAndSpendAcrossCloseAndReopen() {
    AuditEntry written;
    try (ControlStore store = place.open()) {
      written = store.recordBreakerModeChange(new AuditEntry.Draft(AT, "alice", "operator", "breaker.force_open",
          "model_outage", "provider down", Map.of("ticket", "INC-7")),
          new BreakerModeRow("model_outage", "forced_open", "provider down", "alice", AT));
      store.addSpend(List.of(new SpendDelta(DAY, "acme", "support", "chat", "gpt-4o-mini",
          Map.of("project", "p1"), 1.25, 100, 50, 2)));
    }
    try (ControlStore store = place.open()) {
      assertThat(store.audit(new AuditQuery(null, null, null, null, null, 10))).containsExactly(written);
      assertThat(store.breakerModes()).containsExactly(Map.entry("model_outage",
          new BreakerModeRow("model_outage", "forced_open", "provider down", "alice", AT)));
      assertThat(store.spend(new SpendQuery(DAY, DAY, "tenant", null)))
          .containsExactly(new SpendRow("acme", 1.25, 100, 50, 2));
      assertThat(store.spend(new SpendQuery(DAY, DAY, "tag:project", null)))
          .containsExactly(new SpendRow("p1", 1.25, 100, 50, 2));
      assertThat(store.appendAudit(draft()).id()).isEqualTo(written.id() + 1);
    }
  }

  @Test
  void aPromptChangeIsAuditedAndItsLatestStateKept() {
    try (ControlStore store = place.open()) {
      AuditEntry first = store.recordPromptChange(draft(), "support", "{\"active\":\"v1\"}");
      store.recordPromptChange(draft(), "support", "{\"active\":\"v2\"}");
      store.recordPromptChange(draft(), "billing", "{\"active\":\"v7\"}");
    }
    try (ControlStore store = place.open()) {
      assertThat(store.promptStates()).containsExactly(Map.entry("billing", "{\"active\":\"v7\"}"),
          Map.entry("support", "{\"active\":\"v2\"}"));
      assertThat(store.audit(new AuditQuery(null, null, null, null, null, 10))).hasSize(3);
    }
  }

  @Test
  void anIncidentIsRewrittenWholeAndListedNewestFirst() {
    try (ControlStore store = place.open()) {
      store.saveIncident(new IncidentRow("INC-2025-0001", "COST_SPIKE", "open", 1_000, "{\"severity\":\"SEV-2\"}"));
      store.saveIncident(new IncidentRow("INC-2025-0002", "MODEL_OUTAGE", "open", 2_000, "{}"));
      store.saveIncident(new IncidentRow("INC-2025-0001", "COST_SPIKE", "resolved", 1_000, "{\"severity\":\"SEV-3\"}"));
      store.saveIncident(new IncidentRow("INC-2026-0001", "MODEL_OUTAGE", "open", 3_000, "{}"));
    }
    try (ControlStore store = place.open()) {
      assertThat(store.incidents(10)).extracting(IncidentRow::id)
          .containsExactly("INC-2026-0001", "INC-2025-0002", "INC-2025-0001");
      assertThat(store.incidents(1)).extracting(IncidentRow::id).containsExactly("INC-2026-0001");
      assertThat(store.incident("INC-2025-0001")).contains(
          new IncidentRow("INC-2025-0001", "COST_SPIKE", "resolved", 1_000, "{\"severity\":\"SEV-3\"}"));
      assertThat(store.incident("INC-1999-0001")).isEmpty();
      assertThat(store.incidentsWithPrefix("INC-2025-")).isEqualTo(2);
      assertThat(store.incidentsWithPrefix("INC-2027-")).isZero();
    }
  }

  @Test
  void refusesOperationsAfterCloseAndCloseTwiceIsHarmless() {
    ControlStore store = place.open();
    store.close();
    store.close();

    assertThatThrownBy(() -> store.appendAudit(draft()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  private static AuditEntry.Draft draft() {
    return new AuditEntry.Draft(AT, "bob", "maintainer", "config.reload", null, null, null);
  }
}
