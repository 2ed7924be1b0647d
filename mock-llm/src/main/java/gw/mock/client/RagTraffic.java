package gw.mock.client;

import gw.mock.MockProfile;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;

/**
 * Realistic RAG traffic through the gateway at a fixed rate: each request searches the mock's
 * {@code /v1/retrieve}, then asks the model through the gateway with the retrieved context and the
 * {@code gateway} extension (retrieval, tools, expected facts, tags).
 *
 * <p>Open loop, like real users: requests start on schedule whether or not earlier ones have answered, so a
 * slow gateway shows as latency and in-flight requests rather than a quietly lower rate. Past
 * {@link Options#maxInFlight()} a due request is skipped and counted. Everything runs on one event loop.
 *
 * <pre>{@code
 * RagTraffic traffic = RagTraffic.start(vertx, RagTraffic.Options.defaults().withMaxRequests(200));
 * traffic.finished().onSuccess(stats -> System.out.println(stats.p95Ms()));
 * }</pre>
 */
public final class RagTraffic {

  /**
   * @param gatewayUrl   the gateway's base URL, e.g. {@code http://127.0.0.1:8080} ({@code /v1} is added)
   * @param retrievalUrl the mock's base URL, which serves {@code /v1/retrieve}
   * @param apiKey       the gateway key sent as {@code Authorization: Bearer}
   * @param ratePerSecond requests started per second
   * @param duration     stop starting requests after this long; null for no limit
   * @param maxRequests  stop after starting this many; 0 for no limit
   * @param model        the chat model asked
   * @param seed         seed of every random choice (question, session, user, streaming, tool outcomes)
   * @param maxInFlight  requests allowed in flight at once
   * @param profile      {@code standard}: steady traffic of the sample questions; {@code realistic}: bursts
   *                     that start and stop (the rate applies within a burst), users' own details, long-answer
   *                     and out-of-scope questions, streams and JSON mixed, and the mock asked for its
   *                     realistic profile
   * @param timeScale    multiplier of the mock's delays and of the bursts' lengths; 1 is real time
   */
  public record Options(String gatewayUrl, String retrievalUrl, String apiKey, double ratePerSecond,
                        Duration duration, long maxRequests, String model, long seed, int maxInFlight,
                        MockProfile profile, double timeScale) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 256;

    @Override
    public String toString() { // the key never reaches a log line
      return "Options[gatewayUrl=" + gatewayUrl + ", apiKey=[hidden], ratePerSecond=" + ratePerSecond + ", duration="
          + duration + ", maxRequests=" + maxRequests + ", model=" + model + ", seed=" + seed + "]";
    }
    static final double MAX_RATE = 10_000;

    public Options {
      gatewayUrl = baseUrl(gatewayUrl, "gatewayUrl");
      retrievalUrl = baseUrl(retrievalUrl, "retrievalUrl");
      require(apiKey != null && !apiKey.isBlank(), "apiKey must not be blank");
      require(ratePerSecond > 0 && ratePerSecond <= MAX_RATE,
          "rate must be above 0 and at most " + (long) MAX_RATE + " requests per second, got " + ratePerSecond);
      require(duration == null || (!duration.isNegative() && !duration.isZero()),
          "duration must be positive (or absent for no limit), got " + duration);
      require(maxRequests >= 0, "maxRequests must be >= 0 (0 = no limit), got " + maxRequests);
      require(model != null && !model.isBlank(), "model must not be blank, e.g. gpt-4o");
      require(maxInFlight >= 1, "maxInFlight must be at least 1, got " + maxInFlight);
      require(profile != null, "profile must be standard or realistic");
      require(Double.isFinite(timeScale) && timeScale >= 0,
          "time scale must be a finite number >= 0 (1 = real time, 0.05 = twenty times faster), got " + timeScale);
    }

    /** The standard profile in real time. */
    public Options(String gatewayUrl, String retrievalUrl, String apiKey, double ratePerSecond, Duration duration,
                   long maxRequests, String model, long seed, int maxInFlight) {
      this(gatewayUrl, retrievalUrl, apiKey, ratePerSecond, duration, maxRequests, model, seed, maxInFlight,
          MockProfile.STANDARD, 1.0);
    }

    /** The demo set-up of {@code ./gw up}: 10 requests a second for a minute, gpt-4o, seed 42. */
    public static Options defaults() {
      return new Options("http://127.0.0.1:8080", "http://127.0.0.1:8090", "gw-demo-key", 10, Duration.ofSeconds(60),
          0, "gpt-4o", 42, DEFAULT_MAX_IN_FLIGHT);
    }

    public Options withGateway(String url) {
      return new Options(url, retrievalUrl, apiKey, ratePerSecond, duration, maxRequests, model, seed, maxInFlight,
          profile, timeScale);
    }

    public Options withRetrieval(String url) {
      return new Options(gatewayUrl, url, apiKey, ratePerSecond, duration, maxRequests, model, seed, maxInFlight,
          profile, timeScale);
    }

    public Options withApiKey(String key) {
      return new Options(gatewayUrl, retrievalUrl, key, ratePerSecond, duration, maxRequests, model, seed,
          maxInFlight, profile, timeScale);
    }

    public Options withRate(double perSecond) {
      return new Options(gatewayUrl, retrievalUrl, apiKey, perSecond, duration, maxRequests, model, seed,
          maxInFlight, profile, timeScale);
    }

    public Options withDuration(Duration limit) {
      return new Options(gatewayUrl, retrievalUrl, apiKey, ratePerSecond, limit, maxRequests, model, seed,
          maxInFlight, profile, timeScale);
    }

    public Options withMaxRequests(long limit) {
      return new Options(gatewayUrl, retrievalUrl, apiKey, ratePerSecond, duration, limit, model, seed, maxInFlight,
          profile, timeScale);
    }

    public Options withModel(String name) {
      return new Options(gatewayUrl, retrievalUrl, apiKey, ratePerSecond, duration, maxRequests, name, seed,
          maxInFlight, profile, timeScale);
    }

    public Options withSeed(long value) {
      return new Options(gatewayUrl, retrievalUrl, apiKey, ratePerSecond, duration, maxRequests, model, value,
          maxInFlight, profile, timeScale);
    }

    public Options withMaxInFlight(int limit) {
      return new Options(gatewayUrl, retrievalUrl, apiKey, ratePerSecond, duration, maxRequests, model, seed, limit,
          profile, timeScale);
    }

    /** {@code realistic}: the realistic mix of questions, bursts, and the mock's realistic profile per request. */
    public Options withProfile(MockProfile value) {
      return new Options(gatewayUrl, retrievalUrl, apiKey, ratePerSecond, duration, maxRequests, model, seed,
          maxInFlight, value, timeScale);
    }

    /** Multiplies the mock's delays (sent as {@code x-mock-time-scale}) and the length of bursts and pauses. */
    public Options withTimeScale(double value) {
      return new Options(gatewayUrl, retrievalUrl, apiKey, ratePerSecond, duration, maxRequests, model, seed,
          maxInFlight, profile, value);
    }

    private static String baseUrl(String url, String name) {
      require(url != null && (url.startsWith("http://") || url.startsWith("https://")),
          name + " must be an http:// or https:// URL, got " + url);
      String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      return trimmed.endsWith("/v1") ? trimmed.substring(0, trimmed.length() - 3) : trimmed;
    }

    private static void require(boolean condition, String problem) {
      if (!condition) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  private final Options options;
  private final Context context;
  private final HttpClientAgent http;
  private final RagExchange exchange;
  private final RequestPlanner planner;
  private final BurstSchedule bursts;
  private final TrafficStats stats = new TrafficStats();
  private final Promise<TrafficSnapshot> finished = Promise.promise();
  private final Vertx vertx;
  private long startedNanos;
  private long timerId = -1;
  private long launched;
  private int inFlight;
  private boolean scheduling = true;

  private RagTraffic(Vertx vertx, Options options) {
    this.vertx = vertx;
    this.options = options;
    this.context = vertx.getOrCreateContext();
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(options.maxInFlight()));
    this.exchange = new RagExchange(http, options);
    boolean realistic = options.profile() == MockProfile.REALISTIC;
    this.planner = realistic ? RequestPlanner.realistic(options.seed())
        : new RequestPlanner(options.seed(), SampleQuestions.all());
    this.bursts = realistic ? BurstSchedule.onOff(options.seed(), options.timeScale()) : BurstSchedule.steady();
  }

  /** Starts sending at once; the traffic stops by itself after its duration or request count. */
  public static RagTraffic start(Vertx vertx, Options options) {
    RagTraffic traffic = new RagTraffic(vertx, options);
    traffic.context.runOnContext(v -> traffic.begin());
    return traffic;
  }

  /** A snapshot of the counters; safe from any thread. */
  public TrafficSnapshot stats() {
    return stats.snapshot();
  }

  /** Completes with the final counters once the traffic stopped and every request in flight ended. */
  public Future<TrafficSnapshot> finished() {
    return finished.future();
  }

  /** Stops starting requests; completes like {@link #finished()}. */
  public Future<TrafficSnapshot> stop() {
    context.runOnContext(v -> stopScheduling());
    return finished();
  }

  private void begin() {
    startedNanos = System.nanoTime();
    long tickMs = Math.max(1, Math.min(100, (long) (1000 / options.ratePerSecond())));
    timerId = vertx.setPeriodic(0, tickMs, id -> launchDue());
  }

  // Catches up on every request due by now, so timer jitter never lowers the rate.
  private void launchDue() {
    if (!scheduling) {
      return;
    }
    double elapsedSeconds = (System.nanoTime() - startedNanos) / 1e9;
    if (options.duration() != null && elapsedSeconds >= options.duration().toNanos() / 1e9) {
      stopScheduling();
      return;
    }
    long due = (long) Math.floor(bursts.activeSeconds(elapsedSeconds) * options.ratePerSecond()) + 1;
    if (options.maxRequests() > 0) {
      due = Math.min(due, options.maxRequests());
    }
    while (launched < due) {
      launched++;
      launchOne();
    }
    if (options.maxRequests() > 0 && launched >= options.maxRequests()) {
      stopScheduling();
    }
  }

  private void launchOne() {
    PlannedRequest plan = planner.next();
    if (inFlight >= options.maxInFlight()) {
      stats.skipped();
      return;
    }
    inFlight++;
    stats.sent();
    exchange.run(plan).onComplete(done -> {
      inFlight--;
      stats.completed(done.result());
      finishIfIdle();
    });
  }

  private void stopScheduling() {
    if (!scheduling) {
      return;
    }
    scheduling = false;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    finishIfIdle();
  }

  private void finishIfIdle() {
    if (!scheduling && inFlight == 0) {
      http.close().onComplete(closed -> finished.tryComplete(stats.snapshot()));
    }
  }
}
