package gw.gateway.config;

import gw.gateway.security.Hidden;
import gw.gateway.shared.RedisLink;
import gw.traces.pg.StoreUrl;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway needs at start-up, validated once by {@link ConfigLoader}. {@code storeUrl}
 * null: traces and control state in SQLite under {@code dataDir}; else both in that PostgreSQL database.
 */
public record GatewayConfig(
    String environment,
    Listen listen,
    Upstream upstream,
    List<Provider> providers,
    Limits limits,
    List<GatewayKey> keys,
    List<AdminToken> adminTokens,
    Traces traces,
    Otlp otlp,
    IncidentNotifications notifications,
    Path dataDir,
    StoreUrl storeUrl,
    List<String> pipeline,
    boolean devMode,
    Fleet fleet,
    String embeddedMock) {

  public static final String DEMO_GATEWAY_KEY = "gw-demo-key";
  /** The reference traces' tenant (acme), so they can be imported and replayed on the demo setup. */
  public static final String DEMO_ACME_KEY = "gw-demo-acme-key";
  public static final String DEMO_ADMIN_TOKEN = "gw-admin-demo";

  public record Listen(String host, int port, int adminPort) {}

  /** The provider: an OpenAI-compatible base URL ending in /v1, and its key (never sent to clients). */
  public record Upstream(String baseUrl, String apiKey, int connectTimeoutMs, int timeoutMs, int idleTimeoutMs,
      int maxConnections, boolean responsesApi) {
    /** A server with its own Responses API, as OpenAI's is. */
    public Upstream(String baseUrl, String apiKey, int connectTimeoutMs, int timeoutMs, int idleTimeoutMs,
        int maxConnections) {
      this(baseUrl, apiKey, connectTimeoutMs, timeoutMs, idleTimeoutMs, maxConnections, true);
    }

    public Upstream at(String url) {
      return new Upstream(url, apiKey, connectTimeoutMs, timeoutMs, idleTimeoutMs, maxConnections, responsesApi);
    }

    @Override
    public String toString() {
      return "Upstream[baseUrl=" + baseUrl + ", apiKey=" + Hidden.secret(apiKey) + ", connectTimeoutMs="
          + connectTimeoutMs + ", timeoutMs=" + timeoutMs + ", idleTimeoutMs=" + idleTimeoutMs + ", maxConnections="
          + maxConnections + ", responsesApi=" + responsesApi + "]";
    }
  }

  /**
   * One more provider besides {@code upstream}: the models it serves, by exact name or by a prefix
   * ending in {@code *}, in the order of {@code gateway.json}'s {@code providers}; the first match wins
   * and models no provider claims go to {@code upstream} (named {@link #DEFAULT_PROVIDER}).
   */
  public record Provider(String name, gw.gateway.chain.Wire kind, Upstream connection, List<String> models) {
    /** Whether Responses requests go to its own Responses API (else they are sent as chat completions). */
    public boolean nativeResponses() {
      return connection.responsesApi();
    }

    public boolean serves(String model) {
      for (String pattern : models) {
        if (pattern.endsWith("*") ? model.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(model)) {
          return true;
        }
      }
      return false;
    }
  }

  public static final String DEFAULT_PROVIDER = "openai";

  /** Every provider in routing order: the declared ones, then {@code upstream} for every other model. */
  public List<Provider> routing() {
    List<Provider> all = new java.util.ArrayList<>(providers);
    all.add(new Provider(DEFAULT_PROVIDER, gw.gateway.chain.Wire.OPENAI, upstream, List.of("*")));
    return all;
  }

  /**
   * The data plane's edge limits (docs/SECURITY.md): body size (413), header and body read timeouts
   * (a connection closed; 408), the keep-alive idle time, requests in flight and the upstream
   * connection wait queue (503 with Retry-After beyond either), the upstream answer's size, one SSE
   * event's size, the stream bytes a trace keeps, and distinct client-chosen label values per day.
   */
  public record Limits(long maxBodyBytes, int headerTimeoutMs, int bodyTimeoutMs, int keepAliveTimeoutMs,
      int maxInFlight, int maxUpstreamWaitQueue, long maxResponseBytes, int maxStreamEventBytes,
      long maxTracedStreamBytes, int maxLabelValues) {
    public static final Limits DEFAULTS = new Limits(8L << 20, 10_000, 30_000, 60_000, 1024, 512, 32L << 20,
        1 << 20, 16L << 20, 1000);

    public Limits withMaxBodyBytes(long bytes) {
      return new Limits(bytes, headerTimeoutMs, bodyTimeoutMs, keepAliveTimeoutMs, maxInFlight, maxUpstreamWaitQueue,
          maxResponseBytes, maxStreamEventBytes, maxTracedStreamBytes, maxLabelValues);
    }
  }

  /** A client credential and who it belongs to. The key itself is never stored in a trace. */
  public record GatewayKey(String key, String name, String tenant, String team, String tier) {
    @Override
    public String toString() {
      return "GatewayKey[key=" + Hidden.secret(key) + ", name=" + name + ", tenant=" + tenant + ", team=" + team
          + ", tier=" + tier + "]";
    }
  }

  /** An admin credential; {@code tenant} non-null scopes its trace queries to one tenant. */
  public record AdminToken(String token, String name, String role, String tenant) {
    @Override
    public String toString() {
      return "AdminToken[token=" + Hidden.secret(token) + ", name=" + name + ", role=" + role + ", tenant=" + tenant + "]";
    }
  }

  public record Traces(int queueCapacity, String userIdSalt) {}

  /**
   * How this instance joins others: its name in logs, incident timelines and Redis holds, and the
   * shared Redis ({@code redisUrl} null: none, every limit is this instance's own), each command on the
   * request path bounded by {@code redisTimeoutMs}.
   */
  public record Fleet(String instanceId, String redisUrl, int redisTimeoutMs) {
    public static final int DEFAULT_REDIS_TIMEOUT_MS = 250;

    public static Fleet alone(String instanceId) {
      return new Fleet(instanceId, null, DEFAULT_REDIS_TIMEOUT_MS);
    }

    public boolean shared() {
      return redisUrl != null;
    }

    @Override
    public String toString() {
      return "Fleet[instanceId=" + instanceId + ", redis=" + (redisUrl == null ? null : RedisLink.displayAddress(redisUrl))
          + ", redisTimeoutMs=" + redisTimeoutMs + "]";
    }
  }

  /**
   * OTLP/HTTP export of stored traces ({@code tracesEndpoint} null: off). Headers may hold
   * credentials: never logged.
   */
  public record Otlp(URI tracesEndpoint, Map<String, String> headers, OtlpProtocol protocol, boolean captureContent,
      int scheduleDelayMs, int maxQueueSize, int maxBatchSize, int timeoutMs, int maxAttempts, int initialBackoffMs,
      String serviceName) {
    public static final Otlp OFF = new Otlp(null, Map.of(), OtlpProtocol.HTTP_PROTOBUF, false, 5000, 2048, 512,
        10_000, 5, 1000, "llm-gateway");

    public boolean enabled() {
      return tracesEndpoint != null;
    }

    @Override
    public String toString() {
      return "Otlp[tracesEndpoint=" + tracesEndpoint + ", headers=" + Hidden.headers(headers) + ", protocol=" + protocol
          + ", captureContent=" + captureContent + ", serviceName=" + serviceName + "]";
    }

    public Otlp withEndpoint(URI endpoint) {
      return new Otlp(endpoint, headers, protocol, captureContent, scheduleDelayMs, maxQueueSize, maxBatchSize,
          timeoutMs, maxAttempts, initialBackoffMs, serviceName);
    }
  }

  /**
   * Where incident notifications go ({@code webhooks} empty: nowhere). {@code adminUrl}, when set, is the
   * admin API's base as people reach it, for the links; else the gateway's own listen address.
   */
  public record IncidentNotifications(List<IncidentWebhook> webhooks, String adminUrl, int maxAttempts,
      int initialBackoffMs) {
    public static final IncidentNotifications NONE = new IncidentNotifications(List.of(), null, 5, 1000);

    public IncidentNotifications {
      webhooks = List.copyOf(webhooks);
    }
  }

  /** One webhook: its URL (may hold a secret, as Slack's do), body shape, extra headers, PagerDuty routing key. */
  public record IncidentWebhook(URI url, WebhookFormat format, Map<String, String> headers, String routingKey) {
    @Override
    public String toString() {
      return "IncidentWebhook[url=" + describe() + "/..., format=" + format + ", headers=" + Hidden.headers(headers)
          + ", routingKey=" + Hidden.secret(routingKey) + "]";
    }

    /** For log lines: scheme, host and port only. */
    public String describe() {
      return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
  }

  public enum WebhookFormat { GENERIC, SLACK, PAGERDUTY }

  /** OTEL_EXPORTER_OTLP_PROTOCOL's values the gateway speaks (gRPC is not one of them). */
  public enum OtlpProtocol {
    HTTP_PROTOBUF("http/protobuf", "application/x-protobuf"),
    HTTP_JSON("http/json", "application/json");

    private final String name;
    private final String contentType;

    OtlpProtocol(String name, String contentType) {
      this.name = name;
      this.contentType = contentType;
    }

    public String contentType() {
      return contentType;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  public boolean usesDemoCredentials() {
    return keys.stream().anyMatch(k -> DEMO_GATEWAY_KEY.equals(k.key()) || DEMO_ACME_KEY.equals(k.key()))
        || adminTokens.stream().anyMatch(t -> DEMO_ADMIN_TOKEN.equals(t.token()));
  }

  public GatewayConfig withListen(Listen l) {
    return copy(c -> c.listen = l);
  }

  public GatewayConfig withUpstream(Upstream u) {
    return copy(c -> c.upstream = u);
  }

  public GatewayConfig withProviders(List<Provider> p) {
    return copy(c -> c.providers = List.copyOf(p));
  }

  public GatewayConfig withLimits(Limits l) {
    return copy(c -> c.limits = l);
  }

  public GatewayConfig withDataDir(Path d) {
    return copy(c -> c.dataDir = d);
  }

  public GatewayConfig withOtlp(Otlp o) {
    return copy(c -> c.otlp = o);
  }

  public GatewayConfig withNotifications(IncidentNotifications n) {
    return copy(c -> c.notifications = n);
  }

  public GatewayConfig withStoreUrl(StoreUrl url) {
    return copy(c -> c.storeUrl = url);
  }

  public GatewayConfig withFleet(Fleet f) {
    return copy(c -> c.fleet = f);
  }

  /** The mock LLM running in this process ({@code gw up}), whose chaos the console may set; null: none. */
  public GatewayConfig withEmbeddedMock(String baseUrl) {
    return copy(c -> c.embeddedMock = baseUrl);
  }

  public GatewayConfig withDevMode(boolean dev) {
    return copy(c -> c.devMode = dev);
  }

  /** Where traces and control state live, for people: the data directory, or the database URL without its password. */
  public String stateLocation() {
    return storeUrl == null ? dataDir.toAbsolutePath().normalize().toString() : storeUrl.describe();
  }

  /** This configuration with {@code change} made to a copy of its fields: every wither in one place. */
  private GatewayConfig copy(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new GatewayConfig(f.environment, f.listen, f.upstream, f.providers, f.limits, f.keys, f.adminTokens, f.traces, f.otlp,
        f.notifications, f.dataDir, f.storeUrl, f.pipeline, f.devMode, f.fleet, f.embeddedMock);
  }

  /** The record's components, changeable while a copy is made. */
  private static final class Fields {
    String environment;
    Listen listen;
    Upstream upstream;
    List<Provider> providers;
    Limits limits;
    List<GatewayKey> keys;
    List<AdminToken> adminTokens;
    Traces traces;
    Otlp otlp;
    IncidentNotifications notifications;
    Path dataDir;
    StoreUrl storeUrl;
    List<String> pipeline;
    boolean devMode;
    Fleet fleet;
    String embeddedMock;

    Fields(GatewayConfig c) {
      environment = c.environment;
      listen = c.listen;
      upstream = c.upstream;
      providers = c.providers;
      limits = c.limits;
      keys = c.keys;
      adminTokens = c.adminTokens;
      traces = c.traces;
      otlp = c.otlp;
      notifications = c.notifications;
      dataDir = c.dataDir;
      storeUrl = c.storeUrl;
      pipeline = c.pipeline;
      devMode = c.devMode;
      fleet = c.fleet;
      embeddedMock = c.embeddedMock;
    }
  }

  /**
   * What {@code gw serve} and {@code gw up} change from the files: the upstream base URL, the ports and the data
   * directory when given (null keeps the file's), and dev mode. Providers on the upstream's server (the
   * bundled mock answers both APIs) move with it.
   */
  public GatewayConfig withCommandLine(String upstreamUrl, Integer port, Integer adminPort, Path dataDir,
      boolean dev) {
    GatewayConfig out = this;
    if (upstreamUrl != null) {
      String moved = ConfigLoader.validateBaseUrl("--upstream", upstreamUrl);
      out = out.withUpstream(upstream.at(moved))
          .withProviders(providers.stream().map(p -> !p.connection().baseUrl().equals(upstream.baseUrl()) ? p
              : new Provider(p.name(), p.kind(), p.connection().at(moved), p.models())).toList());
    }
    if (port != null || adminPort != null) {
      out = out.withListen(new Listen(listen.host(), port != null ? port : listen.port(),
          adminPort != null ? adminPort : listen.adminPort()));
    }
    if (dataDir != null) {
      out = out.withDataDir(dataDir);
    }
    return out.withDevMode(dev);
  }
}
