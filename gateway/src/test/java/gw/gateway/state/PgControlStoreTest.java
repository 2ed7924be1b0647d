package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import gw.traces.pg.StoreUrl;
import gw.traces.testing.PostgresServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several gateway instances on one PostgreSQL control store. */
class PgControlStoreTest {
  @RegisterExtension
  static final PostgresServer postgres = new PostgresServer();

  /**
   * Two instances open the store together on an empty database (one migrates, the other waits for
   * Flyway's lock), then append from two threads each at once: every append lands, the ids run 1..n
   * without a gap and the chain is one line.
   */
  @Test
  void twoInstancesAppendingTogetherGetGapFreeIdsAndOneChain() throws Exception {
    StoreUrl url = StoreUrl.parse(postgres.freshDatabase(), null);
    int threads = 4;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<ControlStore> instances = new ArrayList<>();
    try {
      for (Future<PgControlStore> opened : all(pool, 2, i -> PgControlStore.open(postgres.vertx(), url))) {
        instances.add(opened.get(60, TimeUnit.SECONDS));
      }
      List<Long> ids = new ArrayList<>();
      for (Future<List<Long>> appended : all(pool, threads, t -> {
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          mine.add(instances.get(t % 2).appendAudit(new AuditEntry.Draft(Instant.now(), "worker-" + t, "operator",
              "test.append", null, null, Map.of("i", i))).id());
        }
        return mine;
      })) {
        ids.addAll(appended.get(60, TimeUnit.SECONDS));
      }

      assertThat(ids).containsExactlyInAnyOrderElementsOf(
          LongStream.rangeClosed(1, threads * perThread).boxed().toList());
      AuditChainCheck.Result chain = AuditChainCheck.verify(postgres.vertx(), url);
      assertThat(chain.outcome()).as(chain.problem()).isEqualTo(AuditChainCheck.Outcome.INTACT);
      assertThat(chain.rows()).isEqualTo(threads * perThread);
      assertThat(postgres.count(url.database(),
          "SELECT count(*) FROM gw_control.flyway_schema_history WHERE version = '1' AND success")).isEqualTo(1);
    } finally {
      instances.forEach(ControlStore::close);
      pool.shutdownNow();
    }
  }

  @Test
  void verifyingADatabaseWithoutTheTablesSaysHowToCreateThem() {
    StoreUrl url = StoreUrl.parse(postgres.freshDatabase(), null);

    AuditChainCheck.Result r = AuditChainCheck.verify(postgres.vertx(), url);

    assertThat(r.outcome()).isEqualTo(AuditChainCheck.Outcome.UNREADABLE);
    assertThat(r.problem()).contains("no gw_control.audit table in " + url.describe(), "start the gateway once");
    assertThat(postgres.count(url.database(),
        "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'gw_control'")).as("nothing created")
        .isZero();
  }

  private interface Task<T> {
    T run(int index) throws Exception;
  }

  /** Starts {@code n} tasks together, so their calls really interleave. */
  private static <T> List<Future<T>> all(ExecutorService pool, int n, Task<T> task) {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Callable<T> call = () -> {
        start.await();
        return task.run(index);
      };
      futures.add(pool.submit(call));
    }
    start.countDown();
    return futures;
  }
}
