package gw.gateway.cli;

import gw.mock.MockProfile;
import gw.mock.client.RagTraffic;
import gw.mock.client.TrafficSnapshot;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "client", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Send sample RAG traffic through a running gateway: each request searches the mock's "
        + "/v1/retrieve, then asks the model with the context, tools and expected facts.",
        "Prints progress every second and a summary at the end."},
    footer = "Exit status: 0 when every request sent got an answer (skipped ones are not sent), 1 when any "
        + "request failed (an HTTP error status, a connection error or a stream cut short) or for unusable options.")
final class ClientCommand implements Callable<Integer> {
  private static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  @Mixin TrafficTarget target;

  @Option(names = "--rate", defaultValue = "10",
      description = "Requests started per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", paramLabel = "TIME",
      description = "How long to send, e.g. 60s, 2m, 500ms (default 60s; none when only --requests is given).")
  String duration;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "0",
      description = "Stop after this many requests (default: no limit).")
  long requests;

  @Option(names = "--model", defaultValue = "gpt-4o", description = "Chat model (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the random choices (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-in-flight", defaultValue = "" + RagTraffic.Options.DEFAULT_MAX_IN_FLIGHT,
      description = "Requests in flight at once; beyond it due requests are skipped (default ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--profile", defaultValue = "standard", paramLabel = "standard|realistic",
      description = "standard: steady sample questions; realistic: bursts that start and stop, users' own "
          + "details, long-answer and rare out-of-scope questions, streams and JSON mixed, and the mock's "
          + "realistic profile asked for per request (default ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--time-scale", defaultValue = "1.0",
      description = "Multiplier of the mock's delays (sent per request) and of the bursts' lengths; 0.05 runs "
          + "twenty times faster with the same proportions (default ${DEFAULT-VALUE}).")
  double timeScale;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RagTraffic.Options options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("gw client: " + e.getMessage());
      return 1;
    }
    out.println("gw client: " + options.profile().wireName() + " traffic, " + options.ratePerSecond() + " req/s"
        + (options.profile() == MockProfile.REALISTIC ? " in bursts" : "") + " of " + options.model() + " through "
        + options.gatewayUrl() + ", retrieval from " + options.retrievalUrl() + limits(options));
    out.flush();
    Vertx vertx = Vertx.vertx();
    try {
      TrafficSnapshot last = run(RagTraffic.start(vertx, options), out);
      summary(out, last, options);
      return exitCode(last);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** A scripted smoke test ({@code ./gw client --requests 20 && ...}) must see failures in the exit status. */
  static int exitCode(TrafficSnapshot traffic) {
    return traffic.failed() > 0 ? 1 : 0;
  }

  RagTraffic.Options options() {
    Duration limit = duration != null ? duration(duration) : requests > 0 ? null : DEFAULT_DURATION;
    return new RagTraffic.Options(target.gateway, target.mock, target.key, rate, limit, requests, model, seed, maxInFlight,
        MockProfile.parse(profile, "--profile"), timeScale);
  }

  // The CLI's own thread waits and prints; the traffic runs on its event loop.
  private static TrafficSnapshot run(RagTraffic traffic, PrintWriter out) throws Exception {
    CompletableFuture<TrafficSnapshot> finished = traffic.finished().toCompletionStage().toCompletableFuture();
    long seconds = 0;
    while (true) {
      try {
        return finished.get(1, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        out.println(progress(++seconds, traffic.stats()));
        out.flush();
      }
    }
  }

  static String progress(long seconds, TrafficSnapshot s) {
    return String.format("%4ds  sent %d  ok %d  failed %d  skipped %d  in flight %d  p95 %d ms  actions %s",
        seconds, s.sent(), s.ok(), s.failed(), s.skipped(), s.inFlight(), s.p95Ms(), counts(s.actions()));
  }

  private static void summary(PrintWriter out, TrafficSnapshot s, RagTraffic.Options options) {
    String failures = s.failedBy().isEmpty() ? "" : " " + s.failedBy();
    out.println("done: sent " + s.sent() + ", ok " + s.ok() + ", failed " + s.failed() + failures
        + ", skipped " + s.skipped() + ", empty retrievals " + s.emptyRetrievals());
    out.println("latency (retrieval + answer): p50 " + s.p50Ms() + " ms, p95 " + s.p95Ms() + " ms");
    out.println("gateway actions: " + counts(s.actions()));
    if (s.completed() > 0 && s.failedBy().getOrDefault("connection_error", 0L) == s.completed()) {
      out.println("every request failed to connect: is the gateway running at " + options.gatewayUrl()
          + "? (--gateway)");
    }
    out.flush();
  }

  private static String counts(Map<String, Long> counts) {
    return counts.isEmpty() ? "none" : counts.toString();
  }

  private static String limits(RagTraffic.Options options) {
    String time = options.duration() == null ? "" : " for " + options.duration().toMillis() / 1000.0 + " s";
    String count = options.maxRequests() == 0 ? "" : " (at most " + options.maxRequests() + " requests)";
    return time + count;
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--duration takes a number with ms, s, m or h, e.g. 60s or 2m; got '"
          + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
