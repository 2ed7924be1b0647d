package gw.traces.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.traces.TraceFixtures;
import gw.traces.TraceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queries answered alike by every trace store: filters, newest first, keyset pages. */
class TraceQueryContractTest extends TraceStoreSuite {
  private static final Instant T0 = Instant.parse("2025-03-14T12:00:00Z");

  private TraceStore store;

  @BeforeEach
  void openStore() {
    store = place.open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void pagesNewestFirstWithoutDuplicatesOrGaps() {
    List<TraceRecord> all = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      // three records per millisecond, so the trace_id tie-break is exercised
      all.add(at(T0.plusMillis(i / 3), b -> b));
    }
    all.forEach(store::offer);
    store.flush();

    List<String> paged = new ArrayList<>();
    TraceQuery query = TraceQuery.builder().limit(25).build();
    int pages = 0;
    while (true) {
      TracePage page = store.query(query);
      pages++;
      page.items().forEach(r -> paged.add(r.traceId()));
      if (!page.hasMore()) {
        break;
      }
      query = query.withCursor(page.nextCursor());
    }

    List<String> expected = all.stream()
        .sorted(Comparator.comparing((TraceRecord r) -> Instant.parse(r.timestamp()))
            .thenComparing(TraceRecord::traceId).reversed())
        .map(TraceRecord::traceId).toList();
    assertThat(paged).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void exactlyFullLastPageHasNoNextCursor() {
    for (int i = 0; i < 10; i++) {
      store.offer(at(T0.plusSeconds(i), b -> b));
    }
    store.flush();

    TracePage page = store.query(TraceQuery.builder().limit(10).build());

    assertThat(page.items()).hasSize(10);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void filtersByEachIndexedField() {
    TraceRecord other = at(T0, b -> b.tenant("globex").modelRequested("claude-3-5-haiku").modelServed("claude-3-5-haiku")
        .promptVersion("v3").sessionId("sess-other"));
    TraceRecord failed = at(T0.plusSeconds(1), b -> b.status("error").httpStatus(502).error("upstream timed out"));
    TraceRecord fallback = at(T0.plusSeconds(2), b -> b.modelRequested("gpt-4o").modelServed("claude-3-5-haiku"));
    TraceRecord late = at(T0.plusSeconds(60), b -> b);
    List.of(other, failed, fallback, late).forEach(store::offer);
    store.flush();

    assertThat(ids(q -> q.tenant("globex"))).containsExactly(other.traceId());
    assertThat(ids(q -> q.status("error"))).containsExactly(failed.traceId());
    assertThat(ids(q -> q.promptVersion("v3"))).containsExactly(other.traceId());
    assertThat(ids(q -> q.sessionId("sess-other"))).containsExactly(other.traceId());
    assertThat(ids(q -> q.model("claude-3-5-haiku"))).containsExactly(fallback.traceId(), other.traceId());
    assertThat(ids(q -> q.model("gpt-4o"))).containsExactly(fallback.traceId());
    assertThat(ids(q -> q.from(T0.plusSeconds(1)).to(T0.plusSeconds(60))))
        .containsExactly(fallback.traceId(), failed.traceId());
    assertThat(ids(q -> q.tenant("acme").status("ok").from(T0.plusSeconds(30)))).containsExactly(late.traceId());
    assertThat(ids(q -> q.tenant("nobody"))).isEmpty();
  }

  @Test
  void garbageCursorIsRejectedWithAClearMessage() {
    TraceQuery query = TraceQuery.builder().cursor("not-a-cursor").build();

    assertThatThrownBy(() -> store.query(query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cursor \"not-a-cursor\"")
        .hasMessageContaining("next_cursor");
  }

  private List<String> ids(UnaryOperator<TraceQuery.Builder> filter) {
    return store.query(filter.apply(TraceQuery.builder()).build()).items().stream().map(TraceRecord::traceId).toList();
  }

  private static TraceRecord at(Instant ts, UnaryOperator<gw.traces.TraceRecordBuilder> change) {
    return change.apply(TraceFixtures.validBuilder().traceId(UUID.randomUUID().toString()).timestamp(ts.toString()))
        .build();
  }
}
