package gw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlStoreConcurrencyTest extends ControlStoreSuite {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 250;
  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  private ControlStore store;
  private ExecutorService pool;

  @BeforeEach
  void open() {
    store = place.open();
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    store.close();
  }

  @Test
  void fourThreadsAppendingAuditEntriesGetUniqueIdsAndLoseNone() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (List<Long> threadIds : runOnAllThreads(t -> {
      List<Long> mine = new ArrayList<>();
      for (int i = 0; i < PER_THREAD; i++) {
        mine.add(store.appendAudit(new AuditEntry.Draft(Instant.now(), "worker-" + t, "operator", "test.append",
            "item-" + i, null, Map.of("i", i))).id());
      }
      return mine;
    })) {
      ids.addAll(threadIds);
    }

    assertThat(new HashSet<>(ids)).hasSize(THREADS * PER_THREAD);
    Set<Long> stored = new HashSet<>();
    Long cursor = null;
    List<AuditEntry> page;
    do {
      page = store.audit(new AuditQuery(null, null, null, null, cursor, 500));
      page.forEach(e -> stored.add(e.id()));
      cursor = page.isEmpty() ? null : page.get(page.size() - 1).id();
    } while (!page.isEmpty());
    assertThat(stored).isEqualTo(new HashSet<>(ids));
    assertThat(store.audit(new AuditQuery("worker-2", null, null, null, null, 500))).hasSize(PER_THREAD);
    AuditChainCheck.Result chain = place.verify();
    assertThat(chain.outcome()).as(chain.problem()).isEqualTo(AuditChainCheck.Outcome.INTACT);
    assertThat(chain.rows()).isEqualTo(THREADS * PER_THREAD);
  }

  /**
   * Two stores on one database, as two gateway instances have: the chain never forks. SQLite's
   * serializable transactions may fail a stale append; PostgreSQL's appends wait their turn (see
   * PgControlStoreTest for that every one of them lands).
   */
  @Test
  void twoStoresOnOneFileAppendingTogetherKeepTheChainALine() throws Exception {
    long written = 0;
    try (ControlStore other = place.open()) {
      for (long n : runOnAllThreads(t -> {
        ControlStore mine = t % 2 == 0 ? store : other;
        long ok = 0;
        for (int i = 0; i < PER_THREAD / 5; i++) {
          try {
            mine.appendAudit(new AuditEntry.Draft(Instant.now(), "worker-" + t, "operator", "test.append", null, null,
                Map.of()));
            ok++;
          } catch (StateStoreException lostTheRace) {
            // the other connection appended after this one read the newest row
          }
        }
        return ok;
      })) {
        written += n;
      }
    }
    AuditChainCheck.Result chain = place.verify();
    assertThat(chain.outcome()).as(chain.problem()).isEqualTo(AuditChainCheck.Outcome.INTACT);
    assertThat(chain.rows()).isEqualTo(written).isPositive();
  }

  @Test
  void fourThreadsAddingSpendGetExactTotals() throws Exception {
    runOnAllThreads(t -> {
      for (int i = 0; i < PER_THREAD; i++) {
        store.addSpend(List.of(
            new SpendDelta(DAY, "acme", "team-" + (i % 2), "chat", "gpt-4o-mini", Map.of("project", "apollo"),
                0.25, 100, 10, 1),
            new SpendDelta(DAY, "globex", null, null, null, Map.of(), 0.5, 1, 1, 1)));
      }
      return null;
    });

    long n = THREADS * PER_THREAD;
    assertThat(store.spend(new SpendQuery(DAY, DAY, "tenant", null))).containsExactly(
        new SpendRow("globex", 0.5 * n, n, n, n), new SpendRow("acme", 0.25 * n, 100 * n, 10 * n, n));
    assertThat(store.spend(new SpendQuery(DAY, DAY, "tag:project", null))).containsExactly(
        new SpendRow("apollo", 0.25 * n, 100 * n, 10 * n, n));
    assertThat(store.spend(new SpendQuery(DAY, DAY, "team", "acme"))).extracting(SpendRow::requests)
        .containsExactly(n / 2, n / 2);
  }

  private interface PerThread<T> {
    T run(int thread) throws Exception;
  }

  /** Starts all threads together, so their calls really interleave, and returns each thread's result. */
  private <T> List<T> runOnAllThreads(PerThread<T> work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Callable<T> task = () -> {
        start.await();
        return work.run(thread);
      };
      futures.add(pool.submit(task));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }
}
