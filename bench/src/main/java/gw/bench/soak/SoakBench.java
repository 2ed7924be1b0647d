package gw.bench.soak;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady load at a fixed rate against a running gateway for a bounded time, cycling the mock's chaos
 * modes ({@link ChaosCycle}); every few seconds the gateway process's heap after a full GC, threads
 * and open file descriptors are sampled; at the end: whether each stayed flat ({@link Flatness}) and
 * the errors beyond the injected ones ({@link Outcomes}). Exit status 1 if anything grew or any
 * unexpected error was seen. Starts no server: {@code bench/soak} does. See docs/BENCHMARKS.md.
 */
public final class SoakBench {
  private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

  private final Options o;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final ChaosCycle cycle = ChaosCycle.standard();
  private final Outcomes outcomes = new Outcomes();
  private final Semaphore inFlight;

  private SoakBench(Options o) {
    this.o = o;
    this.inFlight = new Semaphore(o.maxInFlight);
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("soak: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new SoakBench(o).run() ? 0 : 1);
  }

  private boolean run() throws Exception {
    ProcessSampler sampler = new ProcessSampler(o.pid);
    List<ProcessSampler.Sample> samples = new ArrayList<>();
    Thread sampling = new Thread(() -> sampleEvery(sampler, samples), "soak-sampler");
    System.out.printf(Locale.ROOT, "soak: %d s at %d req/s (%d%% streamed), chaos phases of %d s, samples every %d s"
        + " after a full GC, warm-up %d s; gateway pid %d%n", o.seconds, o.rate, 100 / o.streamEvery, o.phaseSeconds,
        o.sampleEvery, o.warmup, o.pid);
    System.out.printf("%6s %14s %8s %6s %9s%n", "t (s)", "heap after GC", "threads", "fds", "rss");
    long start = System.nanoTime();
    sampling.setDaemon(true);
    sampling.start();
    drive(start);
    inFlight.acquire(o.maxInFlight); // every request has ended
    sampling.interrupt();
    sampling.join();

    System.out.println();
    outcomes.report().forEach(System.out::println);
    List<ProcessSampler.Sample> steady;
    synchronized (samples) {
      steady = samples.stream().filter(s -> s.atSeconds() >= o.warmup).toList();
    }
    System.out.println();
    if (steady.size() < 4) {
      System.out.println("too few samples after the warm-up to judge flatness (" + steady.size() + "); run longer");
      return false;
    }
    List<Flatness> checks = List.of(
        Flatness.of("heap after GC", "MB", steady, ProcessSampler.Sample::heapAfterGcMb, 0.10, 8),
        Flatness.of("threads", "", steady, ProcessSampler.Sample::threads, 0.05, 2),
        Flatness.of("open fds", "", steady, ProcessSampler.Sample::fds, 0.10, 8));
    checks.forEach(c -> System.out.println(c.line()));
    System.out.println("threads by name at the end: " + sampler.threadsByPool());
    System.out.println("gateway counters: " + counters());
    boolean flat = checks.stream().allMatch(Flatness::flat);
    long unexpected = outcomes.unexpected();
    System.out.printf("RESULT flat_heap=%s flat_threads=%s flat_fds=%s unexpected_errors=%d%n",
        yes(checks.get(0)), yes(checks.get(1)), yes(checks.get(2)), unexpected);
    return flat && unexpected == 0;
  }

  private static String yes(Flatness f) {
    return f.flat() ? "yes" : "no";
  }

  /** Sends at the fixed rate until the time is up; a request over the in-flight limit is counted, not sent. */
  private void drive(long start) {
    long period = TimeUnit.SECONDS.toNanos(1) / o.rate;
    long end = start + TimeUnit.SECONDS.toNanos(o.seconds);
    for (long i = 0; ; i++) {
      long due = start + i * period;
      if (due >= end) {
        return;
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      ChaosCycle.Phase phase = cycle.at(TimeUnit.NANOSECONDS.toSeconds(due - start), o.phaseSeconds);
      if (!inFlight.tryAcquire()) {
        outcomes.notSent();
        continue;
      }
      send(phase, i % o.streamEvery == 0);
    }
  }

  private void send(ChaosCycle.Phase phase, boolean stream) {
    outcomes.sent(phase);
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(o.gateway + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + o.key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(stream)));
    if (phase.header() != null) {
      req.header("x-mock-chaos", phase.header());
    }
    http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, err) -> {
      try {
        if (err != null) {
          outcomes.failed(phase, (stream ? "stream: " : "") + err, null);
        } else if (r.statusCode() != 200) {
          Matcher code = ERROR_CODE.matcher(r.body());
          String c = code.find() ? code.group(1) : null;
          outcomes.failed(phase, "HTTP " + r.statusCode() + " " + c, c);
        } else if (stream ? r.body().contains("data: [DONE]") : r.body().contains("\"choices\"")) {
          outcomes.answered(phase);
        } else {
          outcomes.failed(phase, "200 without a complete " + (stream ? "stream" : "answer"), null);
        }
      } finally {
        inFlight.release();
      }
    });
  }

  private String body(boolean stream) {
    return new JsonObject().put("model", o.model).put("stream", stream)
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "system").put("content", "Answer from the context.\n"
                + "[source: kb/refunds.md] Refunds are accepted within 30 days of purchase."))
            .add(new JsonObject().put("role", "user").put("content", "How long do I have for a refund?")))
        .encode();
  }

  private void sampleEvery(ProcessSampler sampler, List<ProcessSampler.Sample> samples) {
    long start = System.nanoTime();
    try {
      for (long next = 0; ; next += o.sampleEvery) {
        long wait = start + TimeUnit.SECONDS.toNanos(next) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
        }
        ProcessSampler.Sample s = sampler.sample(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        synchronized (samples) {
          samples.add(s);
        }
        System.out.printf(Locale.ROOT, "%6d %11.1f MB %8d %6d %6.0f MB%n", s.atSeconds(), s.heapAfterGcMb(),
            s.threads(), s.fds(), s.rssMb());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      System.out.println("sampling stopped: " + e.getMessage());
    }
  }

  /** The gateway's own trace and control-store counters from its /metrics. */
  private String counters() {
    try {
      String metrics = http.send(HttpRequest.newBuilder(URI.create(o.admin + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      StringBuilder out = new StringBuilder();
      for (String name : List.of("gw_traces_stored_total", "gw_traces_dropped_total", "gw_control_store_failures_total")) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        out.append(name).append('=').append(m.find() ? m.group(1) : "absent").append(' ');
      }
      return out.toString().trim();
    } catch (Exception e) {
      return "unavailable (" + e.getMessage() + ")";
    }
  }

  static final class Options {
    String gateway;
    String admin;
    String key = "gw-demo-key";
    String model = "gpt-4o";
    long pid;
    int seconds = 600;
    int rate = 50;
    int maxInFlight = 256;
    int streamEvery = 4;
    int phaseSeconds = 30;
    int sampleEvery = 10;
    int warmup = 60;

    static Options parse(String[] args) {
      Options o = new Options();
      Integer warmup = null;
      Integer sampleEvery = null;
      for (int a = 0; a < args.length; a += 2) {
        if (a + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + args[a]);
        }
        String value = args[a + 1];
        switch (args[a]) {
          case "--gateway" -> o.gateway = value.replaceAll("/+$", "");
          case "--admin" -> o.admin = value.replaceAll("/+$", "");
          case "--pid" -> o.pid = number(args[a], value, 1, Integer.MAX_VALUE);
          case "--seconds" -> o.seconds = number(args[a], value, 10, 86_400);
          case "--rate" -> o.rate = number(args[a], value, 1, 10_000);
          case "--max-in-flight" -> o.maxInFlight = number(args[a], value, 1, 10_000);
          case "--phase-seconds" -> o.phaseSeconds = number(args[a], value, 1, 3_600);
          case "--sample-every" -> sampleEvery = number(args[a], value, 1, 3_600);
          case "--warmup" -> warmup = number(args[a], value, 0, 86_400);
          case "--model" -> o.model = value;
          case "--key" -> o.key = value;
          default -> throw new IllegalArgumentException("unknown option " + args[a]);
        }
      }
      if (o.gateway == null || o.admin == null || o.pid == 0) {
        throw new IllegalArgumentException("--gateway URL, --admin URL and --pid PID (the gateway's) are required");
      }
      // About 50 samples whatever the length (at least one every 10 s); the first fifth, at most two minutes, is
      // warm-up (pools fill: Vert.x starts its 20 worker threads one blocking task at a time).
      o.sampleEvery = sampleEvery != null ? sampleEvery : Math.max(2, Math.min(10, o.seconds / 50));
      o.warmup = warmup != null ? warmup : Math.min(120, o.seconds / 5);
      return o;
    }

    private static int number(String option, String value, int min, int max) {
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max + ", got \"" + value + "\"");
    }
  }
}
