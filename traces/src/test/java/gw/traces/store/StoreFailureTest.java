package gw.traces.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.traces.TraceFixtures;
import gw.traces.TraceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreFailureTest {
  @TempDir
  Path dataDir;

  @Test
  void fullQueueDropsAndCountsWithoutBlocking() throws Exception {
    CountDownLatch writerBusy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WriteHook slowDisk = (writer, batchSize) -> {
      writerBusy.countDown();
      release.await();
    };
    List<TraceRecord> records = TraceFixtures.series(10);
    SqliteTraceStore store = new SqliteTraceStore(dataDir, new StoreOptions(4, 1000), slowDisk);
    List<Boolean> accepted;
    try {
      assertThat(store.offer(records.get(0))).isTrue();
      assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
      accepted = records.subList(1, 10).stream().map(store::offer).toList();
    } finally {
      release.countDown(); // before any assertion can fail, or close() would wait on the paused writer
    }
    try (store) {
      assertThat(accepted).containsExactly(true, true, true, true, false, false, false, false, false);
      assertThat(store.dropped()).isEqualTo(5);
      store.flush();
      assertThat(store.stored()).isEqualTo(5);
      assertThat(store.findById(records.get(9).traceId())).isEmpty();
      assertThat(store.findById(records.get(4).traceId())).isPresent();
    }
  }

  /**
   * A read-only disk ({@code query_only}) and a full one (the file may not grow past the size it has):
   * the writes are dropped and counted, and writing recovers with the disk. A full disk makes SQLite
   * roll the batch back by itself; the writer must not go on with the connection that saw it, or later
   * batches are written row by row and counted as dropped although they are stored.
   */
  @ParameterizedTest
  @CsvSource({"query_only, ON, OFF", "max_page_count, 1, 2147483646"})
  void failingWritesAreDroppedAndCountedThenWritingRecovers(String pragma, String broken, String repaired) {
    AtomicBoolean diskBroken = new AtomicBoolean(true);
    WriteHook disk = (writer, batchSize) -> {
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA " + pragma + " = " + (diskBroken.get() ? broken : repaired));
      }
    };
    // Rows larger than a page: a full disk cannot take them into room left in the pages it has.
    List<TraceRecord> records = TraceFixtures.series(5).stream()
        .map(r -> r.toBuilder().inputText("x".repeat(64 * 1024)).build()).toList();
    try (SqliteTraceStore store = new SqliteTraceStore(dataDir, StoreOptions.defaults(), disk)) {
      assertThat(records.subList(0, 3).stream().allMatch(store::offer)).isTrue();
      store.flush();

      assertThat(store.dropped()).isEqualTo(3);
      assertThat(store.stored()).isZero();
      assertThat(store.findById(records.get(0).traceId())).isEmpty();

      diskBroken.set(false);
      records.subList(3, 5).forEach(store::offer);
      store.flush();

      assertThat(store.stored()).isEqualTo(2);
      assertThat(store.dropped()).isEqualTo(3);
      assertThat(store.findById(records.get(4).traceId())).isPresent();
    }
  }

  @Test
  void writerSurvivesUnexpectedExceptions() {
    AtomicBoolean fail = new AtomicBoolean(true);
    WriteHook flaky = (writer, batchSize) -> {
      if (fail.getAndSet(false)) {
        throw new IllegalStateException("simulated bug");
      }
    };
    List<TraceRecord> records = TraceFixtures.series(2);
    try (SqliteTraceStore store = new SqliteTraceStore(dataDir, StoreOptions.defaults(), flaky)) {
      store.offer(records.get(0));
      store.flush();
      store.offer(records.get(1));
      store.flush();

      assertThat(store.dropped()).isEqualTo(1);
      assertThat(store.stored()).isEqualTo(1);
    }
  }

  @Test
  void databasePathThatIsADirectoryFailsFastWithAClearMessage() throws Exception {
    Files.createDirectories(dataDir.resolve(SqliteTraceStore.FILE_NAME));

    assertThatThrownBy(() -> SqliteTraceStore.open(dataDir, StoreOptions.defaults()))
        .isInstanceOf(TraceStoreException.class)
        .hasMessageContaining("traces.db is a directory");
  }

  @Test
  void dataDirectoryThatIsAFileFailsFastWithAClearMessage() throws Exception {
    Path file = Files.writeString(dataDir.resolve("not-a-dir"), "x");

    assertThatThrownBy(() -> SqliteTraceStore.open(file, StoreOptions.defaults()))
        .isInstanceOf(TraceStoreException.class)
        .hasMessageContaining("cannot create trace data directory");
  }

  @Test
  void newerSchemaIsRefused() throws Exception {
    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      store.flush();
    }
    StoreSchemaTest.execute(dataDir.resolve("traces.db"), "PRAGMA user_version = 99");

    assertThatThrownBy(() -> SqliteTraceStore.open(dataDir, StoreOptions.defaults()))
        .isInstanceOf(TraceStoreException.class)
        .hasMessageContaining("schema version 99");
  }
}
