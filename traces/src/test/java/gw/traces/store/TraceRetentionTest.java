package gw.traces.store;

import static org.assertj.core.api.Assertions.assertThat;

import gw.traces.TraceFixtures;
import gw.traces.TraceRecord;
import gw.traces.sampling.RetentionRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot/warm/cold on a real store file, with "now" given by the test instead of the wall clock. */
class TraceRetentionTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final RetentionRules RULES = new RetentionRules(Map.of(
      "production", new RetentionRules.Retention(Duration.ofHours(72), Duration.ofDays(30)),
      "dev", new RetentionRules.Retention(Duration.ofHours(24), Duration.ofDays(7))), 0, Duration.ofMinutes(60));

  @TempDir Path dataDir;

  private static TraceRecord at(String environment, Duration age, String id) {
    return TraceFixtures.validBuilder().traceId(id).environment(environment).timestamp(NOW.minus(age).toString())
        .build();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  @Test
  void contentGoesAfterTheHotPeriodRecordsAfterTheWarmOneEachEnvironmentByItsOwnRule() {
    String fresh = id();
    String warm = id();
    String old = id();
    String devWarm = id();
    String devOld = id();
    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      store.offer(at("production", Duration.ofHours(1), fresh));
      store.offer(at("production", Duration.ofDays(10), warm));
      store.offer(at("production", Duration.ofDays(40), old));
      store.offer(at("dev", Duration.ofDays(3), devWarm));
      store.offer(at("dev", Duration.ofDays(8), devOld));
      store.flush();
      TraceRetention retention = TraceRetention.of(store);

      TraceRetention.Report dry = retention.prune(RULES, NOW, true);
      assertThat(dry.deleted()).containsEntry("production", 1L).containsEntry("dev", 1L);
      assertThat(dry.contentDropped()).containsEntry("production", 1L).containsEntry("dev", 1L);
      assertThat(store.findById(old)).isPresent();
      assertThat(store.findById(warm).orElseThrow().inputText()).isNotNull();

      TraceRetention.Report done = retention.prune(RULES, NOW, false);
      assertThat(done.deleted()).isEqualTo(dry.deleted());
      assertThat(done.contentDropped()).isEqualTo(dry.contentDropped());
      assertThat(store.findById(old)).isEmpty();
      assertThat(store.findById(devOld)).isEmpty();
      for (String id : new String[] {warm, devWarm}) {
        TraceRecord r = store.findById(id).orElseThrow();
        assertThat(r.inputText()).isNull();
        assertThat(r.outputText()).isNull();
        assertThat(r.request()).isNull();
        assertThat(r.retrievalQuery()).isNull();
        assertThat(r.retrievedDocs()).allSatisfy(d -> assertThat(d.content()).isNull());
        assertThat(r.toolCalls()).allSatisfy(t -> assertThat(t.input()).isNull());
        assertThat(r.tokens().totalTokens()).isEqualTo(165); // what operators need stays
        assertThat(r.retrievedDocs()).extracting(TraceRecord.RetrievedDoc::source).contains("kb/refunds.md");
      }
      assertThat(store.findById(fresh).orElseThrow().inputText()).isNotNull();

      TraceRetention.Report again = retention.prune(RULES, NOW, false);
      assertThat(again.changedAnything()).isFalse();
    }
  }

  @Test
  void prunedPagesGoBackSoTheFileShrinks() throws Exception {
    String big = "x".repeat(4_000);
    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      for (int i = 0; i < 3_000; i++) {
        store.offer(TraceFixtures.validBuilder().traceId(id()).outputText(big)
            .timestamp(NOW.minus(Duration.ofDays(i < 2_500 ? 60 : 1)).toString()).build());
      }
      store.flush();
      TraceRetention retention = TraceRetention.of(store);
      retention.prune(RetentionRules.none(), NOW, false); // checkpoint: the file holds every row
      long before = Files.size(dataDir.resolve(SqliteTraceStore.FILE_NAME));

      TraceRetention.Report report = retention.prune(RULES, NOW, false);

      long after = Files.size(dataDir.resolve(SqliteTraceStore.FILE_NAME));
      assertThat(report.deleted()).containsEntry("production", 2_500L);
      assertThat(after).isLessThan(before / 3);
      assertThat(report.bytesAfter()).isLessThan(report.bytesBefore() / 3);
      assertThat(store.query(TraceQuery.builder().limit(500).build()).items()).hasSize(500);
    }
  }

  @Test
  void aSizeCapDeletesTheOldestFirst() {
    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      String newest = id();
      for (int i = 0; i < 2_000; i++) {
        store.offer(TraceFixtures.validBuilder().traceId(i == 1_999 ? newest : id()).outputText("y".repeat(2_000))
            .timestamp(NOW.minus(Duration.ofMinutes(2_000 - i)).toString()).build());
      }
      store.flush();
      TraceRetention retention = TraceRetention.of(store);
      long cap = 2L * 1024 * 1024;

      TraceRetention.Report report = retention.prune(new RetentionRules(Map.of(), cap, Duration.ofMinutes(60)), NOW,
          false);

      assertThat(report.deletedForSize()).isPositive().isLessThan(2_000);
      assertThat(report.bytesAfter()).isLessThanOrEqualTo(cap + 64 * 1024);
      assertThat(store.findById(newest)).isPresent();
      assertThat(store.query(TraceQuery.builder().limit(500).build()).items())
          .allSatisfy(r -> assertThat(Instant.parse(r.timestamp())).isAfter(NOW.minus(Duration.ofMinutes(2_000))));
    }
  }
}
