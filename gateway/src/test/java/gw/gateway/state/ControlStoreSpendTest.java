package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The spend ledger, alike in every control store. */
class ControlStoreSpendTest extends ControlStoreSuite {
  private static final LocalDate D1 = LocalDate.of(2025, 3, 1);
  private static final LocalDate D2 = LocalDate.of(2025, 3, 2);
  private static final LocalDate D3 = LocalDate.of(2025, 3, 3);

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
  void deltasForTheSameKeyAddUp() {
    store.addSpend(List.of(delta(D1, "acme", "support", 1.0, Map.of())));
    store.addSpend(List.of(delta(D1, "acme", "support", 0.5, Map.of()), delta(D1, "acme", "support", 0.25, Map.of())));

    assertThat(store.spend(query("team", null))).containsExactly(new SpendRow("support", 1.75, 30, 15, 3));
  }

  @Test
  void groupsTotalsByEachDimensionHighestCostFirst() {
    store.addSpend(List.of(
        new SpendDelta(D1, "acme", "support", "chat", "gpt-4o", Map.of(), 3.0, 300, 30, 3),
        new SpendDelta(D1, "acme", "search", "rank", "gpt-4o-mini", Map.of(), 1.0, 100, 10, 1),
        new SpendDelta(D2, "globex", "support", "chat", "gpt-4o-mini", Map.of(), 2.0, 200, 20, 2)));

    assertThat(store.spend(query("day", null))).containsExactly(
        new SpendRow("2025-03-01", 4.0, 400, 40, 4), new SpendRow("2025-03-02", 2.0, 200, 20, 2));
    assertThat(store.spend(query("tenant", null))).containsExactly(
        new SpendRow("acme", 4.0, 400, 40, 4), new SpendRow("globex", 2.0, 200, 20, 2));
    assertThat(store.spend(query("team", null))).containsExactly(
        new SpendRow("support", 5.0, 500, 50, 5), new SpendRow("search", 1.0, 100, 10, 1));
    assertThat(store.spend(query("feature", null))).containsExactly(
        new SpendRow("chat", 5.0, 500, 50, 5), new SpendRow("rank", 1.0, 100, 10, 1));
    assertThat(store.spend(query("model", null))).containsExactly(
        new SpendRow("gpt-4o", 3.0, 300, 30, 3), new SpendRow("gpt-4o-mini", 3.0, 300, 30, 3));
  }

  @Test
  void groupsByTagFromTheTagTableCountingOnlyTaggedSpend() {
    store.addSpend(List.of(
        delta(D1, "acme", "support", 1.0, Map.of("project", "apollo", "env", "prod")),
        delta(D1, "acme", "support", 2.0, Map.of("project", "zephyr")),
        delta(D1, "acme", "support", 0.5, Map.of("project", "apollo")),
        delta(D1, "acme", "support", 4.0, Map.of())));

    assertThat(store.spend(query("tag:project", null))).containsExactly(
        new SpendRow("zephyr", 2.0, 10, 5, 1), new SpendRow("apollo", 1.5, 20, 10, 2));
    assertThat(store.spend(query("tag:env", null))).containsExactly(new SpendRow("prod", 1.0, 10, 5, 1));
    assertThat(store.spend(query("tag:region", null))).isEmpty();
  }

  @Test
  void missingTeamFeatureAndModelAreGroupedAsNone() {
    store.addSpend(List.of(
        new SpendDelta(D1, "acme", null, null, null, Map.of(), 1.0, 1, 1, 1),
        new SpendDelta(D1, "acme", null, null, null, Map.of(), 1.0, 1, 1, 1)));

    for (String dimension : List.of("team", "feature", "model")) {
      assertThat(store.spend(query(dimension, null))).containsExactly(new SpendRow("(none)", 2.0, 2, 2, 2));
    }
    assertThat(store.spentSince(D1, "team", null)).isEqualTo(2.0);
  }

  @Test
  void filtersByInclusiveDaysAndTenant() {
    store.addSpend(List.of(
        delta(D1, "acme", "support", 1.0, Map.of("project", "apollo")),
        delta(D2, "acme", "support", 2.0, Map.of("project", "apollo")),
        delta(D3, "acme", "support", 4.0, Map.of("project", "apollo")),
        delta(D2, "globex", "support", 8.0, Map.of("project", "apollo"))));

    assertThat(store.spend(new SpendQuery(D2, D3, "tenant", null))).containsExactly(
        new SpendRow("globex", 8.0, 10, 5, 1), new SpendRow("acme", 6.0, 20, 10, 2));
    assertThat(store.spend(new SpendQuery(D2, D2, "team", "acme"))).containsExactly(
        new SpendRow("support", 2.0, 10, 5, 1));
    assertThat(store.spend(new SpendQuery(D1, D2, "tag:project", "acme"))).containsExactly(
        new SpendRow("apollo", 3.0, 20, 10, 2));
    assertThat(store.spend(new SpendQuery(null, null, "tenant", "acme"))).containsExactly(
        new SpendRow("acme", 7.0, 30, 15, 3));
  }

  @Test
  void spentSinceSumsCostFromTheDayOnForAColumnOrATag() {
    store.addSpend(List.of(
        delta(D1, "acme", "support", 1.0, Map.of("project", "apollo")),
        delta(D2, "acme", "search", 2.0, Map.of("project", "apollo")),
        delta(D3, "acme", "support", 4.0, Map.of()),
        delta(D3, "globex", "support", 8.0, Map.of("project", "apollo"))));

    assertThat(store.spentSince(D1, "tenant", "acme")).isEqualTo(7.0);
    assertThat(store.spentSince(D2, "tenant", "acme")).isEqualTo(6.0);
    assertThat(store.spentSince(D2, "team", "support")).isEqualTo(12.0);
    assertThat(store.spentSince(D1, "tag:project", "apollo")).isEqualTo(11.0);
    assertThat(store.spentSince(D1, "tenant", "initech")).isZero();
  }

  @Test
  void thousandTinyDeltasAddUpToTheExactTotal() {
    List<SpendDelta> deltas = Collections.nCopies(1_000, delta(D1, "acme", "support", 0.000123, Map.of("p", "x")));
    store.addSpend(deltas);

    assertThat(store.spentSince(D1, "tenant", "acme")).isCloseTo(0.123, within(1e-9));
    assertThat(store.spend(query("tag:p", null)).get(0).costUsd()).isCloseTo(0.123, within(1e-9));
    assertThat(store.spend(query("tenant", null)).get(0).requests()).isEqualTo(1_000);
  }

  @Test
  void aFailingDeltaLeavesNothingOfItsBatchWritten() {
    store.addSpend(List.of(delta(D1, "acme", "support", 1.0, Map.of("project", "apollo"))));
    List<SpendDelta> batch = new ArrayList<>();
    batch.add(delta(D1, "acme", "support", 2.0, Map.of("project", "apollo")));
    batch.add(delta(D2, "globex", "search", 3.0, Map.of("project", "zephyr")));
    batch.add(delta(D2, "initech", "search", -0.01, Map.of()));

    assertThatThrownBy(() -> store.addSpend(batch))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("cannot add 3 spend deltas in " + store.describe())
        .hasMessageFindingMatch("(?i)check constraint");

    assertThat(store.spend(query("tenant", null))).containsExactly(new SpendRow("acme", 1.0, 10, 5, 1));
    assertThat(store.spend(query("tag:project", null))).containsExactly(new SpendRow("apollo", 1.0, 10, 5, 1));
    store.addSpend(List.of(delta(D2, "globex", "search", 3.0, Map.of())));
    assertThat(store.spentSince(D1, "tenant", "globex")).isEqualTo(3.0);
  }

  @Test
  void aNegativeDeltaIsRefusedEvenWhenTheTotalWouldStayPositive() {
    store.addSpend(List.of(delta(D1, "acme", "support", 5.0, Map.of())));

    assertThatThrownBy(() -> store.addSpend(List.of(delta(D1, "acme", "support", -1.0, Map.of()))))
        .isInstanceOf(StateStoreException.class);
    assertThat(store.spentSince(D1, "tenant", "acme")).isEqualTo(5.0);
  }

  @Test
  void anUnknownDimensionIsRejectedNamingTheAllowedOnes() {
    for (String bad : List.of("region", "tag:", "Tenant", "")) {
      assertThatThrownBy(() -> store.spend(new SpendQuery(D1, D2, bad, null)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("day, tenant, team, feature, model, or tag:<key>");
    }
    assertThatThrownBy(() -> store.spentSince(D1, "region", "eu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tag:<key>");
  }

  @Test
  void aQueryWhoseFromIsAfterToIsRejected() {
    assertThatThrownBy(() -> new SpendQuery(D2, D1, "day", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after");
  }

  @Test
  void anEmptyListWritesNothing() {
    store.addSpend(List.of());

    assertThat(store.spend(query("day", null))).isEmpty();
  }

  private static SpendQuery query(String dimension, String tenant) {
    return new SpendQuery(D1, D3, dimension, tenant);
  }

  private static SpendDelta delta(LocalDate day, String tenant, String team, double cost, Map<String, String> tags) {
    return new SpendDelta(day, tenant, team, "chat", "gpt-4o-mini", tags, cost, 10, 5, 1);
  }
}
