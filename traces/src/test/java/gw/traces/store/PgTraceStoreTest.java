package gw.traces.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.traces.TraceFixtures;
import gw.traces.TraceRecord;
import gw.traces.pg.StoreUrl;
import gw.traces.testing.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the PostgreSQL store has: a shared database, migrations at open, logins, outages. */
class PgTraceStoreTest {
  @RegisterExtension
  static final PostgresServer postgres = new PostgresServer();

  @Test
  void storesOpenedTogetherOnAnEmptyDatabaseMigrateItOnceAndShareIt() throws Exception {
    StoreUrl url = StoreUrl.parse(postgres.freshDatabase(), null);
    int instances = 4;
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    List<TraceStore> stores = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<TraceStore>> opening = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        Callable<TraceStore> open = () -> {
          start.await();
          return PgTraceStore.open(postgres.vertx(), url, StoreOptions.defaults());
        };
        opening.add(pool.submit(open));
      }
      start.countDown();
      for (Future<TraceStore> f : opening) {
        stores.add(f.get(60, TimeUnit.SECONDS));
      }
      TraceRecord record = TraceFixtures.valid();
      stores.get(0).offer(record);
      stores.get(0).flush();

      assertThat(stores.get(3).findById(record.traceId())).contains(record);
      assertThat(postgres.count(url.database(),
          "SELECT count(*) FROM gw_traces.flyway_schema_history WHERE version = '1' AND success")).isEqualTo(1);
    } finally {
      stores.forEach(TraceStore::close);
      pool.shutdownNow();
    }
  }

  @Test
  void aWrongPasswordFailsNamingWhereAndWhoButNotThePassword() {
    String database = postgres.freshDatabase().replaceFirst(".*/", "");
    StoreUrl wrong = StoreUrl.parse("postgresql://gw:not-the-password@127.0.0.1:" + postgres.port() + "/" + database,
        null);

    assertThatThrownBy(() -> PgTraceStore.open(postgres.vertx(), wrong, StoreOptions.defaults()))
        .isInstanceOf(TraceStoreException.class)
        .hasMessageContaining("host 127.0.0.1, port " + postgres.port() + ", database " + database + ", user gw")
        .hasMessageContaining("password authentication failed")
        .hasMessageNotContaining("not-the-password");
  }

  @Test
  void aServerThatIsNotThereFailsNamingTheAddress() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    StoreUrl nowhere = StoreUrl.parse("postgresql://gw:pw@127.0.0.1:" + closedPort + "/gw", null);

    assertThatThrownBy(() -> PgTraceStore.open(postgres.vertx(), nowhere, StoreOptions.defaults()))
        .isInstanceOf(TraceStoreException.class)
        .hasMessageContaining("host 127.0.0.1, port " + closedPort)
        .hasMessageContaining("refused");
  }

  /**
   * The database goes away: the batch in hand is held (flush does not wait for it), new records wait
   * in the queue and only those the full queue refuses are dropped; the store reports itself down.
   * When the database returns, everything held is written and the store is up again.
   */
  @Test
  void whileTheDatabaseIsDownRecordsAreHeldUpToTheQueueBoundAndWrittenWhenItReturns() throws Exception {
    List<TraceRecord> records = TraceFixtures.series(8);
    try (TraceStore store = PgTraceStore.open(postgres.vertx(), StoreUrl.parse(postgres.freshDatabase(), null),
        new StoreOptions(4, 1000))) {
      postgres.stop();
      try {
        store.offer(records.get(0));
        store.flush(); // returns once the writer holds the batch it could not write

        assertThat(store.availability().up()).isFalse();
        assertThat(store.availability().lastError()).contains("127.0.0.1").doesNotContain(postgres.password());
        List<Boolean> accepted = records.subList(1, 8).stream().map(store::offer).toList();
        assertThat(accepted).containsExactly(true, true, true, true, false, false, false);
        assertThat(store.dropped()).isEqualTo(3);
        assertThat(store.stored()).isZero();
      } finally {
        postgres.start();
      }
      await(() -> store.stored() == 5, "the held records to be written after the restart");

      assertThat(store.availability().up()).isTrue();
      assertThat(store.findById(records.get(4).traceId())).isPresent();
      assertThat(store.findById(records.get(5).traceId())).isEmpty();
      assertThat(store.dropped()).isEqualTo(3);
    }
  }

  @Test
  void closingWhileTheDatabaseIsDownDropsWhatIsHeldAndCountsIt() {
    TraceStore store = PgTraceStore.open(postgres.vertx(), StoreUrl.parse(postgres.freshDatabase(), null),
        StoreOptions.defaults());
    postgres.stop();
    try {
      TraceFixtures.series(3).forEach(store::offer);
      store.flush();
      store.close();

      assertThat(store.dropped()).isEqualTo(3);
      assertThat(store.stored()).isZero();
    } finally {
      postgres.start();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
