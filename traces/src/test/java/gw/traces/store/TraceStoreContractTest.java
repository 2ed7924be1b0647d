package gw.traces.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.TraceFixtures;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every trace store does alike, SQLite's and PostgreSQL's. */
class TraceStoreContractTest extends TraceStoreSuite {
  @Test
  void storedRecordReadsBackAsTheSameJson() {
    TraceRecord record = TraceFixtures.validBuilder().replayOf("9b2f3c4d-1e2f-4a5b-8c7d-6e5f4a3b2c1d").build();
    try (TraceStore store = place.open()) {
      assertThat(store.offer(record)).isTrue();
      store.flush();

      TraceRecord read = store.findById(record.traceId()).orElseThrow();

      JsonNode readJson = TraceJson.MAPPER.valueToTree(read);
      JsonNode writtenJson = TraceJson.MAPPER.valueToTree(record);
      assertThat(readJson).isEqualTo(writtenJson);
      assertThat(read).isEqualTo(record);
      assertThat(store.stored()).isEqualTo(1);
      assertThat(store.availability().up()).isTrue();
    }
  }

  @Test
  void unknownIdIsEmpty() {
    try (TraceStore store = place.open()) {
      assertThat(store.findById("00000000-0000-0000-0000-000000000000")).isEmpty();
    }
  }

  @Test
  void invalidRecordIsRejectedAndNeverStored() {
    TraceRecord invalid = TraceFixtures.validBuilder().environment("prod").build();
    try (TraceStore store = place.open()) {
      assertThat(store.offer(invalid)).isFalse();
      assertThat(store.offer(null)).isFalse();
      store.flush();

      assertThat(store.rejected()).isEqualTo(2);
      assertThat(store.dropped()).isZero();
      assertThat(store.stored()).isZero();
      assertThat(store.findById(invalid.traceId())).isEmpty();
    }
  }

  @Test
  void aTraceIdIsWrittenOnce() {
    TraceRecord first = TraceFixtures.valid();
    try (TraceStore store = place.open()) {
      store.offer(first);
      store.offer(first.toBuilder().tenant("globex").build());
      store.flush();

      assertThat(store.stored()).isEqualTo(1);
      assertThat(store.findById(first.traceId()).orElseThrow().tenant()).isEqualTo("acme");
    }
  }

  @Test
  void recordsSurviveCloseAndReopen() {
    List<TraceRecord> records = TraceFixtures.series(30);
    try (TraceStore store = place.open()) {
      records.forEach(store::offer);
    } // close flushes: no explicit flush here on purpose

    try (TraceStore reopened = place.open()) {
      for (TraceRecord r : records) {
        assertThat(reopened.findById(r.traceId())).contains(r);
      }
      assertThat(reopened.query(TraceQuery.builder().limit(100).build()).items()).hasSize(30);
    }
  }

  @Test
  void concurrentOffersFromSeveralThreadsAreAllStored() throws Exception {
    int threads = 8;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (TraceStore store = place.open()) {
      List<Future<Long>> accepted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        accepted.add(pool.submit(() -> TraceFixtures.series(perThread).stream().filter(store::offer).count()));
      }
      long total = 0;
      for (Future<Long> f : accepted) {
        total += f.get(30, TimeUnit.SECONDS);
      }
      store.flush();

      assertThat(total).isEqualTo(threads * perThread);
      assertThat(store.stored()).isEqualTo(threads * perThread);
      assertThat(store.dropped()).isZero();
      assertThat(allIds(store)).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readersRunConcurrentlyWithTheWriter() throws Exception {
    ExecutorService readers = Executors.newFixedThreadPool(6);
    try (TraceStore store = place.open()) {
      List<Future<Integer>> reads = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        reads.add(readers.submit(() -> {
          int seen = 0;
          for (int q = 0; q < 20; q++) {
            seen = Math.max(seen, store.query(TraceQuery.builder().limit(500).build()).items().size());
          }
          return seen;
        }));
      }
      TraceFixtures.series(400).forEach(store::offer);
      for (Future<Integer> read : reads) {
        assertThat(read.get(30, TimeUnit.SECONDS)).isBetween(0, 400);
      }
      store.flush();
      assertThat(store.query(TraceQuery.builder().limit(500).build()).items()).hasSize(400);
    } finally {
      readers.shutdownNow();
    }
  }

  @Test
  void offerAfterCloseIsDroppedWithoutThrowing() {
    TraceStore store = place.open();
    store.close();
    store.close();

    assertThat(store.offer(TraceFixtures.valid())).isFalse();
    assertThat(store.dropped()).isEqualTo(1);
  }

  private static Set<String> allIds(TraceStore store) {
    Set<String> ids = new HashSet<>();
    TraceQuery query = TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build();
    while (true) {
      TracePage page = store.query(query);
      page.items().forEach(r -> ids.add(r.traceId()));
      if (!page.hasMore()) {
        return ids;
      }
      query = query.withCursor(page.nextCursor());
    }
  }
}
