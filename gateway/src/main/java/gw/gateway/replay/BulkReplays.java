package gw.gateway.replay;

import gw.traces.compare.TraceComparison;
import gw.traces.compare.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Bulk replay jobs: many traces with the same overrides, at most {@code concurrency} at a time,
 * with progress and a pass/fail row per trace. Jobs live in memory (the newest {@value #KEPT} are
 * kept); each replay's own trace is stored as usual. How one trace is replayed (and audited) is the
 * caller's.
 */
public final class BulkReplays {
  static final int KEPT = 50;
  public static final int MAX_CONCURRENCY = 16;

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final List<String> order = Collections.synchronizedList(new ArrayList<>());

  /** One trace's outcome; {@code error} is set when it could not be replayed. */
  public record Row(String traceId, String originalDiagnosis, String replayDiagnosis, String verdict, String reason,
      Double originalLatencyMs, Double replayLatencyMs, Double originalCostUsd, Double replayCostUsd, String error) {
    public boolean passed() {
      return error == null && !Verdict.DEGRADED.wireName().equals(verdict);
    }
  }

  /** A job's state; rows are in the order the trace ids were given. */
  public static final class Job {
    public final String id = "replay-" + UUID.randomUUID();
    public final Instant createdAt = Instant.now();
    public final List<String> traceIds;
    public final Overrides overrides;
    public final int concurrency;
    final String tenantScope;
    final Row[] rows;
    final AtomicInteger done = new AtomicInteger();
    volatile boolean finished;

    Job(List<String> traceIds, Overrides overrides, int concurrency, String tenantScope) {
      this.tenantScope = tenantScope;
      this.traceIds = List.copyOf(traceIds);
      this.overrides = overrides;
      this.concurrency = concurrency;
      this.rows = new Row[traceIds.size()];
    }

    public String tenantScope() {
      return tenantScope;
    }

    public int done() {
      return done.get();
    }

    public boolean finished() {
      return finished;
    }

    public List<Row> rows() {
      List<Row> out = new ArrayList<>();
      for (Row r : rows) {
        if (r != null) {
          out.add(r);
        }
      }
      return out;
    }

    /** improved / same / degraded / failed counts over the rows so far. */
    public Map<String, Integer> summary() {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (String k : List.of("improved", "same", "degraded", "failed")) {
        counts.put(k, 0);
      }
      rows().forEach(r -> counts.merge(r.error() != null ? "failed" : r.verdict(), 1, Integer::sum));
      return counts;
    }
  }

  /** A job not yet running, so its id can be recorded before any replay starts. */
  public Job prepare(List<String> traceIds, Overrides overrides, int concurrency, String tenantScope) {
    return new Job(traceIds, overrides, Math.max(1, Math.min(MAX_CONCURRENCY, concurrency)), tenantScope);
  }

  /**
   * Runs the job, each trace through {@code replayOne}.
   *
   * @param job a job from {@link #prepare}, with the caller's tenant when its token is scoped to one, else null
   */
  public Job start(Job job, Function<String, Future<Replayer.Result>> replayOne) {
    jobs.put(job.id, job);
    order.add(job.id);
    while (order.size() > KEPT) {
      jobs.remove(order.remove(0));
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < job.concurrency; i++) {
      lanes.add(lane(job, next, replayOne));
    }
    Future.join(lanes).onComplete(ar -> job.finished = true);
    return job;
  }

  public Job get(String id) {
    return jobs.get(id);
  }

  /** Takes the next trace until none is left: {@code concurrency} lanes run side by side. */
  private Future<Void> lane(Job job, AtomicInteger next, Function<String, Future<Replayer.Result>> replayOne) {
    int i = next.getAndIncrement();
    if (i >= job.traceIds.size()) {
      return Future.succeededFuture();
    }
    String traceId = job.traceIds.get(i);
    Promise<Void> step = Promise.promise();
    replayOne.apply(traceId).onComplete(ar -> {
      job.rows[i] = ar.succeeded() ? row(traceId, ar.result().comparison())
          : new Row(traceId, null, null, null, null, null, null, null, null, ar.cause().getMessage());
      job.done.incrementAndGet();
      step.complete();
    });
    return step.future().compose(v -> lane(job, next, replayOne));
  }

  private static Row row(String traceId, TraceComparison c) {
    return new Row(traceId, c.original().diagnosis(), c.replay().diagnosis(), c.verdict().wireName(), c.reason(),
        c.original().latencyMs(), c.replay().latencyMs(), c.original().costUsd(), c.replay().costUsd(), null);
  }
}
