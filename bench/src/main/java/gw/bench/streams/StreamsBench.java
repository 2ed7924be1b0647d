package gw.bench.streams;

import gw.bench.Latencies;
import gw.bench.ProcessCpu;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * N concurrent SSE chat-completion streams against each target in turn (the mock directly, a bare
 * forwarder, the gateway); per stream: time to first content, gaps between content chunks, total
 * time, errors; per target, the CPU its server process used per stream. Starts no server itself:
 * {@code bench/streams} starts them. See docs/BENCHMARKS.md.
 */
public final class StreamsBench {
  static final double TARGET_ADDED_TTFT_P99_MS = 50;
  static final double TARGET_CPU_MS_PER_STREAM = 1;
  static final String PATH = "/v1/chat/completions";
  /** Three equally relevant context sentences: the mock answers with all three, ~70 tokens. */
  static final String SYSTEM = """
      You are the support assistant of an online store. Answer only from the context and cite the source of each sentence.
      [source: kb/refunds.md] A refund for an order can be requested from the orders page within 30 days of delivery. \
      The refund for a returned order is approved once the parcel reaches our warehouse. \
      The money from a refund on an order goes back to the original payment method within five business days.
      [source: kb/shipping.md] Standard shipping takes three to five business days. Express shipping arrives the next \
      business day.""";
  static final String QUESTION = "How does a refund for my order work?";

  private final Options options;
  private final Vertx vertx;
  private final HttpClient client;
  private final Context[] contexts;
  private final Buffer body;

  private StreamsBench(Options options) {
    this.options = options;
    int loops = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    int pool = options.streams;
    this.client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(10_000)
            .setDecompressionSupported(false),
        new PoolOptions().setHttp1MaxSize(pool));
    this.contexts = eventLoopContexts(vertx, loops);
    this.body = Buffer.buffer(new JsonObject()
        .put("model", options.model)
        .put("stream", true)
        .put("stream_options", new JsonObject().put("include_usage", true))
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "system").put("content", SYSTEM))
            .add(new JsonObject().put("role", "user").put("content", QUESTION)))
        .encode());
  }

  /** One context per event loop (a verticle instance each), so the streams are spread over all loops. */
  private static Context[] eventLoopContexts(Vertx vertx, int loops) {
    List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(loops)).await();
    return contexts.toArray(new Context[0]);
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("StreamsBench: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    StreamsBench bench = new StreamsBench(options);
    int code;
    try {
      code = bench.run();
    } finally {
      bench.client.close();
      bench.vertx.close().await(10, TimeUnit.SECONDS);
    }
    System.exit(code);
  }

  private int run() throws InterruptedException {
    System.out.printf(Locale.ROOT, "streams bench: %d concurrent SSE streams per target, opened over %d ms, model %s,"
            + " first %d warm-up streams (not measured, N at a time) and a %d ms pause per target; client pool %d connections, %d event loops%n",
        options.streams, options.rampMs, options.model, options.warmup, options.settleMs, options.streams,
        contexts.length);
    List<Phase> phases = new ArrayList<>();
    for (Map.Entry<String, String> target : options.targets.entrySet()) {
      System.out.println("phase " + target.getKey() + " start"); // a marker for the script's samplers
      if (options.warmup > 0) {
        // In rounds of at most N concurrent streams, so the warm-up never asks for more than the run.
        for (int done = 0; done < options.warmup; ) {
          int round = Math.min(options.streams, options.warmup - done);
          progress("%s: warm-up, %d streams (%d of %d)", target.getKey(), round, done + round, options.warmup);
          Phase warm = phase(target.getKey(), target.getValue(), round, options.rampMs);
          if (warm.errors() > 0) {
            progress("%s: warm-up had %d errors (%s)", target.getKey(), warm.errors(), warm.errorSummary());
          }
          done += round;
        }
        // Lets the gateway finish the warm-up's trace work, so the run measures streams, not that backlog.
        Thread.sleep(options.settleMs);
      }
      progress("%s: %d streams", target.getKey(), options.streams);
      System.out.println("phase " + target.getKey() + " measure");
      long cpuBefore = cpuNanos();
      Map<String, Double> serversBefore = serverCpu();
      Phase phase = phase(target.getKey(), target.getValue(), options.streams, options.rampMs)
          .withClientCpuNanos(cpuNanos() - cpuBefore);
      // The gateway's trace work for the last streams runs after they end; it is part of their cost.
      Thread.sleep(options.settleMs);
      phases.add(phase.withServerCpu(difference(serverCpu(), serversBefore)));
      System.out.println("phase " + target.getKey() + " end");
    }
    print(phases);
    return phases.stream().anyMatch(p -> p.errors() > 0) ? 1 : 0;
  }

  /** Opens n streams spread evenly over rampMs and waits for all of them (bounded by --timeout-s). */
  private Phase phase(String name, String baseUrl, int n, long rampMs) throws InterruptedException {
    CountDownLatch finished = new CountDownLatch(n);
    AtomicInteger open = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<StreamProbe> probes = new ArrayList<>(n);
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(baseUrl + PATH)
        .putHeader("Authorization", "Bearer " + options.key)
        .putHeader("Content-Type", "application/json")
        .setIdleTimeout(options.timeoutS * 1000L);
    long t0 = System.nanoTime();
    for (int k = 0; k < n; k++) {
      long due = t0 + (n <= 1 ? 0 : rampMs * 1_000_000L * k / n);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      StreamProbe probe = new StreamProbe(finished, open);
      probes.add(probe);
      contexts[k % contexts.length].runOnContext(v -> {
        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
        probe.start(client, request, body);
      });
    }
    long openedMs = (System.nanoTime() - t0) / 1_000_000;
    boolean all = finished.await(options.timeoutS, TimeUnit.SECONDS);
    long wallMs = (System.nanoTime() - t0) / 1_000_000;
    if (!all) {
      for (StreamProbe probe : probes) {
        probe.timeOut(options.timeoutS);
      }
    }
    return new Phase(name, n, List.copyOf(probes), peak.get(), openedMs, wallMs, 0, Map.of());
  }

  private void print(List<Phase> phases) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-8s %6s %6s %7s %6s | %8s %8s | %6s %6s | %7s %7s | %6s %6s%n",
        "target", "count", "ok", "errors", "peak", "TTFT p50", "p99", "gap p50", "p99", "total p50", "p99",
        "chunks", "tokens");
    for (Phase p : phases) {
      System.out.printf(Locale.ROOT, "%-8s %6d %6d %7d %6d | %8.1f %8.1f | %7.1f %6.1f | %9.1f %7.1f | %6.1f %6.1f%n",
          p.name, p.count, p.count - p.errors(), p.errors(), p.peak, p.ttft().percentileMs(50),
          p.ttft().percentileMs(99), p.gaps().percentileMs(50), p.gaps().percentileMs(99),
          p.total().percentileMs(50), p.total().percentileMs(99), p.avgChunks(), p.avgTokens());
    }
    System.out.println("(ms; peak = most streams open at once; chunks = content chunks per stream;"
        + " tokens = completion tokens per stream from the usage chunk)");
    for (Phase p : phases) {
      System.out.printf(Locale.ROOT, "%s: all %d opened in %d ms, last finished after %d ms, client CPU %.2f s%s%n",
          p.name, p.count, p.openedMs, p.wallMs, p.clientCpuNanos / 1e9,
          p.errors() == 0 ? "" : "; errors: " + p.errorSummary());
    }
    printServerCpu(phases);
    Phase direct = find(phases, "direct");
    Phase bare = find(phases, "bare");
    Phase gateway = find(phases, "gateway");
    printAddedTtft(bare, direct);
    printAddedTtft(gateway, direct);
    printAddedTtft(gateway, bare);
    if (gateway != null && bare != null) {
      double addedP99 = gateway.ttft().percentileMs(99) - bare.ttft().percentileMs(99);
      double cpuMs = gateway.cpuMsPerStream();
      boolean met = gateway.errors() == 0 && addedP99 <= TARGET_ADDED_TTFT_P99_MS && cpuMs <= TARGET_CPU_MS_PER_STREAM;
      System.out.printf(Locale.ROOT, "target: %,d streams, no errors, added TTFT p99 (gateway - bare) <= %.0f ms,"
              + " gateway CPU per stream <= %.1f ms: errors %d, %+.1f ms, %s -> %s%n", gateway.count,
          TARGET_ADDED_TTFT_P99_MS, TARGET_CPU_MS_PER_STREAM, gateway.errors(), addedP99,
          Double.isNaN(cpuMs) ? "CPU n/a" : String.format(Locale.ROOT, "%.2f ms", cpuMs), met ? "met" : "MISSED");
    }
  }

  /** Each named server's CPU during each target's measured run (and its settle pause), and per stream for the target's own. */
  private static void printServerCpu(List<Phase> phases) {
    for (Phase p : phases) {
      if (p.serverCpu.isEmpty()) {
        continue;
      }
      StringBuilder line = new StringBuilder();
      p.serverCpu.forEach((name, seconds) -> line.append(line.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%s %.2f s", name, seconds)));
      double own = p.cpuMsPerStream();
      System.out.printf(Locale.ROOT, "%s: server CPU during its run and settle pause: %s%s%n", p.name, line,
          Double.isNaN(own) ? "" : String.format(Locale.ROOT, "; %s CPU per stream %.2f ms", p.name, own));
    }
  }

  private static void printAddedTtft(Phase via, Phase base) {
    if (via == null || base == null) {
      return;
    }
    System.out.printf(Locale.ROOT, "added TTFT (%s - %s): p50 %+.1f ms, p99 %+.1f ms; %s errors %d%n", via.name,
        base.name, via.ttft().percentileMs(50) - base.ttft().percentileMs(50),
        via.ttft().percentileMs(99) - base.ttft().percentileMs(99), via.name, via.errors());
  }

  private static Phase find(List<Phase> phases, String name) {
    return phases.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null);
  }

  /** CPU seconds so far of each process given with --pid, by name. */
  private Map<String, Double> serverCpu() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    options.pids.forEach((name, cpu) -> seconds.put(name, cpu.seconds()));
    return seconds;
  }

  private static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
    Map<String, Double> used = new LinkedHashMap<>();
    after.forEach((name, seconds) -> used.put(name, seconds - before.get(name)));
    return used;
  }

  /** CPU time of this whole process (all threads), or 0 where the platform does not say. */
  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "  .. " + format + "%n", args);
  }

  /** The streams of one target, summarised. */
  private record Phase(String name, int count, List<StreamProbe> probes, int peak, long openedMs, long wallMs,
      long clientCpuNanos, Map<String, Double> serverCpu) {
    Phase withClientCpuNanos(long nanos) {
      return new Phase(name, count, probes, peak, openedMs, wallMs, nanos, serverCpu);
    }

    Phase withServerCpu(Map<String, Double> cpu) {
      return new Phase(name, count, probes, peak, openedMs, wallMs, clientCpuNanos, cpu);
    }

    /** CPU of the server named like this target (e.g. the gateway's in the gateway run), per stream; NaN if unknown. */
    double cpuMsPerStream() {
      Double seconds = serverCpu.get(name);
      return seconds == null ? Double.NaN : seconds * 1000 / count;
    }

    int errors() {
      return (int) probes.stream().filter(p -> p.error() != null).count();
    }

    Latencies ttft() {
      Latencies l = new Latencies();
      probes.stream().filter(p -> p.error() == null && p.ttftNanos() >= 0).forEach(p -> l.add(p.ttftNanos()));
      return l;
    }

    Latencies gaps() {
      Latencies l = new Latencies();
      probes.stream().filter(p -> p.error() == null).forEach(p -> p.gaps(l::add));
      return l;
    }

    Latencies total() {
      Latencies l = new Latencies();
      probes.stream().filter(p -> p.error() == null).forEach(p -> l.add(p.totalNanos()));
      return l;
    }

    double avgChunks() {
      return probes.stream().filter(p -> p.error() == null).mapToInt(StreamProbe::contentChunks).average().orElse(0);
    }

    double avgTokens() {
      return probes.stream().filter(p -> p.error() == null).mapToInt(StreamProbe::completionTokens).average()
          .orElse(0);
    }

    /** Error kinds with their count and the first message of each. */
    String errorSummary() {
      Map<String, int[]> counts = new TreeMap<>();
      Map<String, String> first = new TreeMap<>();
      for (StreamProbe p : probes) {
        if (p.error() != null) {
          counts.computeIfAbsent(p.errorKind(), k -> new int[1])[0]++;
          first.putIfAbsent(p.errorKind(), p.error());
        }
      }
      StringBuilder s = new StringBuilder();
      counts.forEach((kind, c) -> s.append(s.length() == 0 ? "" : "; ").append(c[0]).append("x ").append(kind)
          .append(" (e.g. ").append(first.get(kind)).append(')'));
      return s.toString();
    }
  }

  static final class Options {
    static final String USAGE = "usage: StreamsBench [--direct URL] [--bare URL] [--gateway URL] [--streams N] [--ramp-ms MS]"
        + " [--warmup TOTAL] [--settle-ms MS] [--timeout-s S] [--model M] [--key KEY] [--pid NAME=PID]..."
        + " [--clk-tck N]   (URLs without /v1, e.g. http://127.0.0.1:8090; targets run in the order given;"
        + " --pid names a server process whose CPU is charged, a name equal to a target's is that target's own)";
    final Map<String, String> targets = new LinkedHashMap<>();
    final Map<String, ProcessCpu> pids = new LinkedHashMap<>();
    int streams = 1000;
    long rampMs = 500;
    static final int DEFAULT_MIN_WARMUP = 500;
    int warmup = -1;
    int timeoutS = 60;
    long settleMs = 2000;
    String model = "gpt-4o-mini";
    String key = "gw-demo-key";

    static Options parse(String[] args) {
      Options o = new Options();
      Map<String, Long> pids = new LinkedHashMap<>();
      long clockTicks = 100;
      for (int a = 0; a < args.length; a += 2) {
        if (a + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + args[a]);
        }
        String value = args[a + 1];
        switch (args[a]) {
          case "--direct" -> o.targets.put("direct", trim(value));
          case "--bare" -> o.targets.put("bare", trim(value));
          case "--gateway" -> o.targets.put("gateway", trim(value));
          case "--pid" -> {
            int eq = value.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--pid takes NAME=PID, got \"" + value + "\"");
            }
            pids.put(value.substring(0, eq), (long) number("--pid " + value.substring(0, eq), value.substring(eq + 1), 1,
                Integer.MAX_VALUE));
          }
          case "--clk-tck" -> clockTicks = number(args[a], value, 1, 100_000);
          case "--streams" -> o.streams = number(args[a], value, 1, 10_000);
          case "--ramp-ms" -> o.rampMs = number(args[a], value, 0, 60_000);
          case "--warmup" -> o.warmup = number(args[a], value, 0, 10_000);
          case "--timeout-s" -> o.timeoutS = number(args[a], value, 1, 600);
          case "--settle-ms" -> o.settleMs = number(args[a], value, 0, 60_000);
          case "--model" -> o.model = value;
          case "--key" -> o.key = value;
          default -> throw new IllegalArgumentException("unknown option " + args[a]);
        }
      }
      if (o.targets.isEmpty()) {
        throw new IllegalArgumentException("give at least one of --direct URL, --bare URL, --gateway URL");
      }
      for (Map.Entry<String, Long> pid : pids.entrySet()) {
        o.pids.put(pid.getKey(), new ProcessCpu(pid.getValue(), clockTicks));
      }
      if (o.warmup < 0) {
        o.warmup = Math.max(o.streams, DEFAULT_MIN_WARMUP);
      }
      return o;
    }

    private static String trim(String url) {
      String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      return u.endsWith("/v1") ? u.substring(0, u.length() - 3) : u;
    }

    private static int number(String name, String value, int min, int max) {
      int parsed;
      try {
        parsed = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
      }
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + parsed);
      }
      return parsed;
    }
  }

  /** Whether the response is a server-sent event stream. */
  static boolean isEventStream(HttpClientResponse response) {
    String type = response.getHeader("content-type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }
}
