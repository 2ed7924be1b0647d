package gw.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gw.gateway.config.ConfigSource;
import gw.gateway.config.GatewayConfig;
import gw.gateway.config.Pipelines;
import gw.gateway.server.Gateway;
import gw.mock.MockLlmServer;
import gw.mock.MockOptions;
import gw.traces.pg.StoreUrl;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real mock LLM and a real gateway on random loopback ports, with test credentials. Blocking
 * helpers are for the JUnit thread only; the servers run on their own event loops.
 */
public final class GatewayHarness implements AutoCloseable {
  public static final String KEY = "gw-test-key-acme";
  public static final String BETA_KEY = "gw-test-key-beta";
  public static final String ADMIN_TOKEN = "admin-test-token";
  public static final String BETA_VIEWER_TOKEN = "viewer-beta-token";
  public static final String OPERATOR_TOKEN = "operator-test-token";
  public static final String BETA_OPERATOR_TOKEN = "operator-beta-token";
  public static final String VIEWER_TOKEN = "viewer-test-token";
  public static final String BETA_MAINTAINER_TOKEN = "maintainer-beta-token";
  public static final String ACME_VIEWER_TOKEN = "viewer-acme-token";
  public static final String ACME_OPERATOR_TOKEN = "operator-acme-token";
  public static final String ACME_MAINTAINER_TOKEN = "maintainer-acme-token";
  public static final String PROVIDER_KEY = "sk-provider0123456789abcdefghijklmnopqrstuv";
  public static final String ANTHROPIC_KEY = "sk-ant-provider0123456789abcdefghijklmnopq";
  public static final String SALT = "test-salt";
  public static final ObjectMapper JSON = new ObjectMapper();

  /** What a test may change about the system under test. */
  public record Options(int timeoutMs, GatewayConfig.Limits limits, double mockTimeScale, String upstreamOverride,
      ConfigSource configSource, List<String> pipeline, Clock clock, GatewayConfig.Otlp otlp, int upstreamConnections,
      StoreUrl storeUrl, GatewayConfig.Fleet fleet,
      java.util.function.Function<String, List<GatewayConfig.Provider>> providers) {
    public static Options defaults() {
      return new Options(10_000, GatewayConfig.Limits.DEFAULTS.withMaxBodyBytes(1 << 20), 0.0, null, ConfigSource.bundled(), Pipelines.DEFAULT, Clock.systemUTC(),
          GatewayConfig.Otlp.OFF, 64, null, GatewayConfig.Fleet.alone("test"), GatewayHarness::anthropicOnMock);
    }

    /** The providers besides the upstream, made from the upstream's base URL (default: claude-* on the mock). */
    public Options withProviders(java.util.function.Function<String, List<GatewayConfig.Provider>> p) {
      return new Options(timeoutMs, limits, mockTimeScale, upstreamOverride, configSource, pipeline, clock, otlp,
          upstreamConnections, storeUrl, fleet, p);
    }

    /** OTLP export settings (off by default). */
    public Options withOtlp(GatewayConfig.Otlp o) {
      return new Options(timeoutMs, limits, mockTimeScale, upstreamOverride, configSource, pipeline, clock, o, upstreamConnections, storeUrl, fleet, providers);
    }

    /**
     * The gateway's clock (windows, breakers, budgets, incidents, trace times): a {@link MutableClock} lets
     * a test move time instead of waiting. Timers (slow-call and attempt timeouts) stay on real time.
     */
    public Options withClock(Clock c) {
      return new Options(timeoutMs, limits, mockTimeScale, upstreamOverride, configSource, pipeline, c, otlp, upstreamConnections, storeUrl, fleet, providers);
    }

    public Options withPipeline(List<String> names) {
      return new Options(timeoutMs, limits, mockTimeScale, upstreamOverride, configSource, names, clock, otlp, upstreamConnections, storeUrl, fleet, providers);
    }

    public Options withTimeoutMs(int ms) {
      return new Options(ms, limits, mockTimeScale, upstreamOverride, configSource, pipeline, clock, otlp, upstreamConnections, storeUrl, fleet, providers);
    }

    /** The data plane's edge limits (body size, read timeouts, in-flight and queue caps...). */
    public Options withLimits(GatewayConfig.Limits l) {
      return new Options(timeoutMs, l, mockTimeScale, upstreamOverride, configSource, pipeline, clock, otlp, upstreamConnections, storeUrl, fleet, providers);
    }

    /** The size of each event loop's connection pool to the provider. */
    public Options withUpstreamConnections(int n) {
      return new Options(timeoutMs, limits, mockTimeScale, upstreamOverride, configSource, pipeline, clock, otlp, n, storeUrl, fleet, providers);
    }

    public Options withMockTimeScale(double scale) {
      return new Options(timeoutMs, limits, scale, upstreamOverride, configSource, pipeline, clock, otlp, upstreamConnections, storeUrl, fleet, providers);
    }

    public Options withUpstream(String url) {
      return new Options(timeoutMs, limits, mockTimeScale, url, configSource, pipeline, clock, otlp, upstreamConnections, storeUrl, fleet, providers);
    }

    /** Traces and control state in this PostgreSQL database instead of SQLite files in the data directory. */
    public Options withStoreUrl(StoreUrl url) {
      return new Options(timeoutMs, limits, mockTimeScale, upstreamOverride, configSource, pipeline, clock, otlp,
          upstreamConnections, url, fleet, providers);
    }

    /**
     * The bundled config file with some fields changed: {@code edits} maps a JSON pointer
     * (e.g. {@code /RETRIEVAL_OUTAGE/open_seconds}) to its new value.
     */
    public Options withConfig(String file, Map<String, Object> edits) {
      return new Options(timeoutMs, limits, mockTimeScale, upstreamOverride,
          configSource.withEdits(file, edits), pipeline, clock, otlp, upstreamConnections, storeUrl, fleet, providers);
    }

    /** This instance's name and the shared Redis, as several instances behind a load balancer run. */
    public Options withFleet(GatewayConfig.Fleet f) {
      return new Options(timeoutMs, limits, mockTimeScale, upstreamOverride, configSource, pipeline, clock, otlp,
          upstreamConnections, storeUrl, f, providers);
    }
  }

  public final Vertx vertx;
  public final MockLlmServer mock;
  public final Gateway gateway;
  public final Path dataDir;
  public final WebClient http;
  private final int blockedMark;

  private GatewayHarness(Vertx vertx, MockLlmServer mock, Gateway gateway, Path dataDir, int blockedMark) {
    this.blockedMark = blockedMark;
    this.vertx = vertx;
    this.mock = mock;
    this.gateway = gateway;
    this.dataDir = dataDir;
    this.http = WebClient.create(vertx);
  }

  public static GatewayHarness start(Path dataDir) {
    return start(dataDir, Options.defaults());
  }

  public static GatewayHarness start(Path dataDir, Options options) {
    int blockedMark = EventLoopWatch.mark();
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(500).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try {
      MockLlmServer mock = new MockLlmServer(MockOptions.defaults().withPort(0).withTimeScale(options.mockTimeScale()));
      await(vertx.deployVerticle(mock));
      String upstream = options.upstreamOverride() != null ? options.upstreamOverride()
          : "http://127.0.0.1:" + mock.actualPort() + "/v1";
      GatewayConfig config = config(upstream, dataDir, options)
          .withEmbeddedMock(options.upstreamOverride() == null ? "http://127.0.0.1:" + mock.actualPort() : null);
      Gateway gateway = await(Gateway.start(vertx, config, options.configSource(), options.clock()));
      return new GatewayHarness(vertx, mock, gateway, dataDir, blockedMark);
    } catch (RuntimeException | Error e) {
      // Nothing half-started may keep listening: a failed start closes its Vert.x (and with it the mock).
      try {
        vertx.close().await(30, TimeUnit.SECONDS);
      } catch (Exception closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** As the bundled gateway.json: Claude models go, in Anthropic's format, to the same server as the upstream. */
  public static List<GatewayConfig.Provider> anthropicOnMock(String upstream) {
    return List.of(new GatewayConfig.Provider("anthropic", gw.gateway.chain.Wire.ANTHROPIC,
        new GatewayConfig.Upstream(upstream, ANTHROPIC_KEY, 2_000, 10_000, 10_000, 64), List.of("claude-*")));
  }

  public static GatewayConfig config(String upstream, Path dataDir, Options o) {
    return new GatewayConfig("dev",
        new GatewayConfig.Listen("127.0.0.1", 0, 0),
        new GatewayConfig.Upstream(upstream, PROVIDER_KEY, 2_000, o.timeoutMs(), o.timeoutMs(), o.upstreamConnections()),
        o.providers().apply(upstream),
        o.limits(),
        List.of(new GatewayConfig.GatewayKey(KEY, "acme-app", "acme", "search", "pro"),
            new GatewayConfig.GatewayKey(BETA_KEY, "beta-app", "beta", "default", "free")),
        List.of(new GatewayConfig.AdminToken(ADMIN_TOKEN, "ops", "maintainer", null),
            new GatewayConfig.AdminToken(BETA_VIEWER_TOKEN, "beta-viewer", "viewer", "beta"),
            new GatewayConfig.AdminToken(OPERATOR_TOKEN, "on-call", "operator", null),
            new GatewayConfig.AdminToken(BETA_OPERATOR_TOKEN, "beta-on-call", "operator", "beta"),
            new GatewayConfig.AdminToken(VIEWER_TOKEN, "watcher", "viewer", null),
            new GatewayConfig.AdminToken(BETA_MAINTAINER_TOKEN, "beta-maintainer", "maintainer", "beta"),
            new GatewayConfig.AdminToken(ACME_VIEWER_TOKEN, "acme-viewer", "viewer", "acme"),
            new GatewayConfig.AdminToken(ACME_OPERATOR_TOKEN, "acme-on-call", "operator", "acme"),
            new GatewayConfig.AdminToken(ACME_MAINTAINER_TOKEN, "acme-maintainer", "maintainer", "acme")),
        new GatewayConfig.Traces(1_000, SALT),
        o.otlp(),
        GatewayConfig.IncidentNotifications.NONE,
        dataDir,
        o.storeUrl(),
        o.pipeline(),
        true,
        o.fleet(),
        null);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + gateway.port() + "/v1";
  }

  /** The official OpenAI Java client pointed at this gateway with the acme key; no retries. */
  public com.openai.client.OpenAIClient openAiClient() {
    return com.openai.client.okhttp.OpenAIOkHttpClient.builder()
        .baseUrl(baseUrl()).apiKey(KEY).maxRetries(0).build();
  }

  public int port() {
    return gateway.port();
  }

  /** POST a JSON body to the data plane with the acme key and extra headers. */
  public HttpResponse<Buffer> post(String path, Object body, String... headers) {
    return await(postAsync(path, body, headers));
  }

  /** {@link #post} without waiting, for requests that must be in flight together. */
  public Future<HttpResponse<Buffer>> postAsync(String path, Object body, String... headers) {
    var req = http.request(HttpMethod.POST, gateway.port(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + KEY)
        .putHeader("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    Buffer payload = body instanceof Buffer b ? b : Buffer.buffer(body.toString());
    return req.sendBuffer(payload);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, MultiMap headers, Buffer body) {
    var req = http.request(method, gateway.port(), "127.0.0.1", path);
    req.headers().addAll(headers);
    return await(body == null ? req.send() : req.sendBuffer(body));
  }

  /** POST a JSON body to the admin API. */
  public HttpResponse<Buffer> adminPost(String path, JsonObject body, String token) {
    var req = http.post(gateway.adminPort(), "127.0.0.1", path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return await(req.sendJsonObject(body));
  }

  public HttpResponse<Buffer> admin(String pathAndQuery, String token) {
    var req = http.get(gateway.adminPort(), "127.0.0.1", pathAndQuery);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return await(req.send());
  }

  /** One series' value from the admin port's {@code /metrics}, e.g. {@code gw_edge_rejected_total{reason="in_flight"}}; 0 when absent. */
  public double metric(String series) {
    return MetricsText.value(metrics(), series).orElse(0);
  }

  /** The admin port's whole {@code /metrics} text. */
  public String metrics() {
    return await(http.get(gateway.adminPort(), "127.0.0.1", "/metrics").send()).bodyAsString();
  }

  /** The stored trace with this id, read back through the admin API after the write queue drained. */
  public JsonNode trace(String traceId) {
    flushTraces();
    HttpResponse<Buffer> r = admin("/admin/traces/" + traceId, ADMIN_TOKEN);
    if (r.statusCode() != 200) {
      throw new AssertionError("trace " + traceId + " not found: " + r.statusCode() + " " + r.bodyAsString());
    }
    return readTree(r.bodyAsString());
  }

  public void flushTraces() {
    await(gateway.flushTraces());
  }

  /** One incident tick once every request so far reached the health metrics (fed by the metering stage). */
  public void evaluateIncidents() {
    flushTraces();
    await(gateway.evaluateIncidents());
  }

  public void setChaos(JsonObject chaos) {
    HttpResponse<Buffer> r = await(http.post(mock.actualPort(), "127.0.0.1", "/chaos").sendJsonObject(chaos));
    if (r.statusCode() != 200) {
      throw new AssertionError("mock refused chaos " + chaos + ": " + r.bodyAsString());
    }
  }

  /** What the mock received, newest last. */
  public JsonArray mockReceived() {
    return await(http.get(mock.actualPort(), "127.0.0.1", "/mock/requests").send()).bodyAsJsonArray();
  }

  /**
   * Waits (up to 10 s, polling the mock's log) until the mock has finished the exchange of the most
   * recent chat request, and says whether it sent its whole answer.
   */
  public boolean awaitMockCompletion(String label) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonArray all = mockReceived();
      JsonObject last = all.getJsonObject(all.size() - 1);
      if (last.containsKey("completed")) {
        return last.getBoolean("completed");
      }
      await(vertx.timer(20));
    }
    throw new AssertionError("the mock never finished the exchange for " + label);
  }

  public static JsonObject chat(String model, String userMessage) {
    return new JsonObject().put("model", model)
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", userMessage)));
  }

  public static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    http.close();
    try {
      await(gateway.close());
    } finally {
      await(vertx.close());
    }
    List<String> blocked = EventLoopWatch.since(blockedMark);
    if (!blocked.isEmpty()) {
      throw new AssertionError("an event loop was blocked while the gateway ran: " + blocked);
    }
  }
}
