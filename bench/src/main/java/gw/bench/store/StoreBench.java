package gw.bench.store;

import gw.bench.Latencies;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import gw.traces.store.SqliteTraceStore;
import gw.traces.store.StoreOptions;
import gw.traces.store.TraceQuery;
import gw.traces.store.TraceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Grows a {@link SqliteTraceStore} to a target size and measures, on the way: the writer's sustained
 * rate (the producer offers as fast as it can and, when the queue is full, backs off briefly and
 * retries), then at each checkpoint, with the writer idle, the latency of {@code findById} and of
 * four query shapes. Run by {@code bench/store}; see docs/BENCHMARKS.md.
 */
public final class StoreBench {
  static final double TARGET_WRITES_PER_S = 20_000;
  static final double TARGET_FIND_P99_MS = 5;
  private static final long BACKOFF_NANOS = 500_000;
  private static final long SHAPE_MAX_NANOS = Duration.ofSeconds(20).toNanos();
  private static final int WARMUP_CALLS = 10;
  private static final long HOUR_MS = 3_600_000;

  private final Options options;
  private final TraceFactory factory;

  private StoreBench(Options options) {
    this.options = options;
    this.factory = new TraceFactory(options.seed);
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("StoreBench: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    new StoreBench(options).run();
  }

  private void run() throws IOException {
    Path dataDir = options.dataDir != null ? options.dataDir : Files.createTempDirectory("gw-store-bench");
    boolean delete = options.dataDir == null && !options.keep;
    if (delete) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dataDir)));
    }
    RecordSize size = recordSize();
    System.out.printf(Locale.ROOT, "store bench: target %,d records, max %d s, record JSON %,d B avg (min %,d, max %,d),"
            + " store queue %,d, batch %,d%n", options.records, options.maxSeconds, size.avg, size.min, size.max,
        StoreOptions.DEFAULT_QUEUE_CAPACITY, StoreOptions.DEFAULT_MAX_BATCH_SIZE);
    System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %,d MB, data dir %s%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, delete ? "(temporary)" : dataDir);

    List<Row> rows = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(options.maxSeconds).toNanos();
    boolean timedOut = false;
    try (SqliteTraceStore store = SqliteTraceStore.open(dataDir, StoreOptions.defaults())) {
      long next = 0;
      long retries = 0;
      long lostBefore = 0;
      for (long checkpoint : options.checkpoints()) {
        long segStart = System.nanoTime();
        long storedBefore = store.stored();
        long retriesBefore = retries;
        long first = next;
        while (next < checkpoint) {
          if ((next & 255) == 0 && System.nanoTime() > deadline) {
            timedOut = true;
            break;
          }
          TraceRecord record = factory.record(next);
          while (!store.offer(record)) {
            if (store.rejected() > 0) {
              throw new IllegalStateException("the store rejected a generated record: "
                  + TraceValidator.violations(record));
            }
            retries++;
            LockSupport.parkNanos(BACKOFF_NANOS);
          }
          next++;
        }
        long offeredEnd = System.nanoTime();
        store.flush();
        long segEnd = System.nanoTime();
        long stored = store.stored() - storedBefore;
        Row row = new Row(store.stored(), stored, (next - first) / seconds(offeredEnd - segStart),
            stored / seconds(segEnd - segStart), seconds(segEnd - segStart), retries - retriesBefore,
            store.dropped() - retries - lostBefore, fileBytes(store.file()));
        lostBefore = store.dropped() - retries;
        if (next == 0) {
          break;
        }
        progress("%,d records stored (%,.0f/s); measuring reads", row.size, row.storedPerS);
        measureReads(store, next, row);
        rows.add(row);
        progress("%,d records: findById p99 %.2f ms", row.size, row.find.percentileMs(99));
        if (timedOut) {
          break;
        }
      }
      print(rows, timedOut, store);
    } finally {
      if (delete) {
        deleteQuietly(dataDir);
      } else {
        System.out.println("data kept in " + dataDir);
      }
    }
  }

  /** Reads while the writer is idle: the cost of a read on its own at this size. */
  private void measureReads(TraceStore store, long n, Row row) {
    SplittableRandom random = new SplittableRandom(options.seed ^ n);
    long[] misses = {0};
    row.find = time(options.lookups, random, i -> {
      boolean found = store.findById(factory.traceId(i % n)).isPresent();
      misses[0] += found ? 0 : 1;
      return found ? 1 : 0;
    }, row, 0);
    row.findMisses = misses[0];
    row.tenantTime = time(options.queryRuns, random, i -> {
      long fromMs = TraceFactory.timeMs(i % n);
      return store.query(TraceQuery.builder().tenant(TraceFactory.tenant(i)).from(Instant.ofEpochMilli(fromMs))
          .to(Instant.ofEpochMilli(fromMs + HOUR_MS)).limit(50).build()).items().size();
    }, row, 1);
    row.model = time(options.queryRuns, random, i -> store.query(TraceQuery.builder()
        .model(TraceFactory.MODELS[TraceFactory.modelIndex(i)][0]).limit(50).build()).items().size(), row, 2);
    row.errors = time(options.queryRuns, random, i -> store.query(TraceQuery.builder()
        .status(TraceRecord.STATUS_ERROR).limit(50).build()).items().size(), row, 3);
    row.session = time(options.queryRuns, random, i -> store.query(TraceQuery.builder()
        .sessionId(TraceFactory.sessionId(i % n)).limit(50).build()).items().size(), row, 4);
  }

  /** Calls {@code call} with random record indexes; bounded by count and by {@link #SHAPE_MAX_NANOS}. */
  private static Latencies time(int runs, SplittableRandom random, LongFunction<Integer> call, Row row, int shape) {
    long warmEnd = System.nanoTime() + SHAPE_MAX_NANOS / 4;
    for (int w = 0; w < WARMUP_CALLS && System.nanoTime() < warmEnd; w++) {
      call.apply(random.nextLong(Long.MAX_VALUE));
    }
    Latencies latencies = new Latencies(runs);
    long rowsSeen = 0;
    long end = System.nanoTime() + SHAPE_MAX_NANOS;
    for (int r = 0; r < runs && System.nanoTime() < end; r++) {
      long i = random.nextLong(Long.MAX_VALUE);
      long t0 = System.nanoTime();
      rowsSeen += call.apply(i);
      latencies.add(System.nanoTime() - t0);
    }
    row.avgRows[shape] = latencies.count() == 0 ? 0 : (double) rowsSeen / latencies.count();
    return latencies;
  }

  private void print(List<Row> rows, boolean timedOut, TraceStore store) {
    System.out.println();
    System.out.printf(Locale.ROOT, "writes (each segment: offer from the previous checkpoint to this one, then flush)"
        + "   target: >= %,.0f traces/s sustained%n", TARGET_WRITES_PER_S);
    System.out.printf(Locale.ROOT, "%11s %9s %10s %10s %8s %9s %6s %9s%n",
        "records", "segment", "offered/s", "stored/s", "vs tgt", "q-full", "lost", "db MB");
    double totalS = 0;
    long totalStored = 0;
    for (Row r : rows) {
      totalS += r.seconds;
      totalStored += r.stored;
      System.out.printf(Locale.ROOT, "%,11d %8.1fs %,10.0f %,10.0f %8s %,9d %,6d %9.1f%n", r.size, r.seconds,
          r.offeredPerS, r.storedPerS, verdict(r.storedPerS >= TARGET_WRITES_PER_S), r.retries, r.lost,
          r.fileBytes / 1e6);
    }
    double sustained = totalStored / Math.max(totalS, 1e-9);
    System.out.printf(Locale.ROOT, "overall: %,d stored in %.1f s = %,.0f traces/s (%s target %,.0f/s); "
            + "store counters: stored %,d, dropped %,d (= %,d queue-full offers, retried, + %,d lost), rejected %,d%n",
        totalStored, totalS, sustained, sustained >= TARGET_WRITES_PER_S ? "meets" : "misses", TARGET_WRITES_PER_S,
        store.stored(), store.dropped(), rows.stream().mapToLong(r -> r.retries).sum(),
        rows.stream().mapToLong(r -> r.lost).sum(), store.rejected());

    System.out.println();
    System.out.printf(Locale.ROOT, "reads, writer idle: ms p50 / p99 (%,d lookups, %,d runs per query shape, limit 50;"
        + " each shape stops after %d s)"
        + "   target: findById p99 < %.0f ms at 1M%n", options.lookups, options.queryRuns,
        SHAPE_MAX_NANOS / 1_000_000_000, TARGET_FIND_P99_MS);
    System.out.printf(Locale.ROOT, "%11s  %-17s %-8s %-20s %-20s %-20s %-20s%n", "records", "findById", "vs tgt",
        "tenant+1h", "model", "status=error", "session");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "%,11d  %-17s %-8s %-20s %-20s %-20s %-20s%n", r.size, pair(r.find),
          verdict(r.find.percentileMs(99) < TARGET_FIND_P99_MS), pair(r.tenantTime), pair(r.model),
          pair(r.errors), pair(r.session));
    }
    if (rows.isEmpty()) {
      return;
    }
    Row last = rows.get(rows.size() - 1);
    System.out.printf(Locale.ROOT, "rows per query (avg, last checkpoint): tenant+1h %.1f, model %.1f, "
            + "status=error %.1f, session %.1f; findById misses %d%n",
        last.avgRows[1], last.avgRows[2], last.avgRows[3], last.avgRows[4], last.findMisses);
    if (timedOut) {
      System.out.printf(Locale.ROOT, "stopped by --max-seconds %d at %,d of %,d records%n", options.maxSeconds,
          last.size, options.records);
    }
  }

  /** p50 / p99, and how many calls fitted when the time bound cut a shape short. */
  private static String pair(Latencies l) {
    String runs = l.count() < l.wanted() ? " n=" + l.count() : "";
    return String.format(Locale.ROOT, "%.2f / %.2f%s", l.percentileMs(50), l.percentileMs(99), runs);
  }

  private static String verdict(boolean met) {
    return met ? "ok" : "MISSED";
  }

  private RecordSize recordSize() {
    int sample = 2_000;
    long total = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int i = 0; i < sample; i++) {
      try {
        int bytes = TraceJson.MAPPER.writeValueAsBytes(factory.record(i)).length;
        total += bytes;
        min = Math.min(min, bytes);
        max = Math.max(max, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new RecordSize(total / sample, min, max);
  }

  private record RecordSize(long avg, int min, int max) {}

  private static long fileBytes(Path db) {
    long total = 0;
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      try {
        total += Files.size(Path.of(db + suffix));
      } catch (IOException ignored) {
        // the WAL and shared-memory files come and go
      }
    }
    return total;
  }

  private static double seconds(long nanos) {
    return Math.max(nanos, 1) / 1e9;
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "  .. " + format + "%n", args);
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }

  private static final class Row {
    final long size;
    final long stored;
    final double offeredPerS;
    final double storedPerS;
    final double seconds;
    final long retries;
    final long lost;
    final long fileBytes;
    final double[] avgRows = new double[5];
    Latencies find;
    long findMisses;
    Latencies tenantTime;
    Latencies model;
    Latencies errors;
    Latencies session;

    Row(long size, long stored, double offeredPerS, double storedPerS, double seconds, long retries, long lost,
        long fileBytes) {
      this.size = size;
      this.stored = stored;
      this.offeredPerS = offeredPerS;
      this.storedPerS = storedPerS;
      this.seconds = seconds;
      this.retries = retries;
      this.lost = lost;
      this.fileBytes = fileBytes;
    }
  }

  static final class Options {
    static final String USAGE = "usage: StoreBench [--records N] [--max-seconds S] [--checkpoints N,N,...]"
        + " [--lookups N] [--query-runs N] [--seed N] [--data-dir DIR] [--keep]";
    long records = 1_000_000;
    long maxSeconds = 600;
    TreeSet<Long> checkpoints;
    int lookups = 1_000;
    int queryRuns = 200;
    long seed = 42;
    Path dataDir;
    boolean keep;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int a = 0; a < args.length; a++) {
        String arg = args[a];
        if (arg.equals("--keep")) {
          o.keep = true;
          continue;
        }
        if (a + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + arg);
        }
        String value = args[++a];
        switch (arg) {
          case "--records" -> o.records = positive(arg, value);
          case "--max-seconds" -> o.maxSeconds = positive(arg, value);
          case "--lookups" -> o.lookups = (int) positive(arg, value);
          case "--query-runs" -> o.queryRuns = (int) positive(arg, value);
          case "--seed" -> o.seed = Long.parseLong(value);
          case "--data-dir" -> o.dataDir = Path.of(value);
          case "--checkpoints" -> {
            o.checkpoints = new TreeSet<>();
            for (String part : value.split(",")) {
              o.checkpoints.add(positive(arg, part.trim()));
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      return o;
    }

    /** The given checkpoints, or 10k, 100k, 1M below the target; the target itself always ends the run. */
    TreeSet<Long> checkpoints() {
      TreeSet<Long> result = new TreeSet<>();
      for (long c : checkpoints != null ? checkpoints : List.of(10_000L, 100_000L, 1_000_000L)) {
        if (c < records) {
          result.add(c);
        }
      }
      result.add(records);
      return result;
    }

    private static long positive(String name, String value) {
      long parsed;
      try {
        parsed = Long.parseLong(value.replace("_", "").replace(",", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a positive whole number, got \"" + value + "\"");
      }
      if (parsed < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, got " + value);
      }
      return parsed;
    }
  }
}
