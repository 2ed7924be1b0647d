package gw.gateway.config;

import gw.traces.pg.StoreUrl;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code gateway.json} plus environment variables into a validated {@link GatewayConfig}.
 * Environment variables win over the file; command-line flags (applied by the CLI) win over both.
 */
public final class ConfigLoader {
  static final String FILE = "gateway.json";
  private static final Set<String> ENVIRONMENTS = Set.of("dev", "staging", "production");
  private static final Set<String> TIERS = Set.of("free", "pro", "enterprise");
  private static final Set<String> ROLES = Set.of("viewer", "operator", "maintainer");

  private final ConfigSource source;
  private final Map<String, String> env;

  public ConfigLoader(ConfigSource source, Map<String, String> env) {
    this.source = source;
    this.env = env;
  }

  public GatewayConfig load() {
    GatewayFile file = source.bind(FILE, GatewayFile.class);
    String where = source.describe(FILE);
    ConfigFields f = source.fields(FILE);

    String environment = envOr("GW_ENVIRONMENT", or(file.environment(), "dev"));
    f.oneOf("environment", environment, ENVIRONMENTS);

    GatewayFile.Listen listen = file.listen();
    var l = new GatewayConfig.Listen(
        envOr("GW_HOST", or(listen.host(), "127.0.0.1")),
        f.port("listen.port", envInt("GW_PORT", or(listen.port(), 8080))),
        f.port("listen.admin_port", envInt("GW_ADMIN_PORT", or(listen.adminPort(), 8081))));

    GatewayFile.Upstream up = file.upstream();
    String baseUrl = envOr("GW_UPSTREAM", or(up.baseUrl(), "http://127.0.0.1:8090/v1"));
    String apiKey = env.getOrDefault("GW_UPSTREAM_API_KEY", env.get(or(up.apiKeyEnv(), "OPENAI_API_KEY")));
    var upstream = new GatewayConfig.Upstream(
        validateBaseUrl(where, baseUrl),
        apiKey,
        f.positive("upstream.connect_timeout_ms", or(up.connectTimeoutMs(), 5000)),
        f.positive("upstream.timeout_ms", or(up.timeoutMs(), 60000)),
        f.positive("upstream.idle_timeout_ms", or(up.idleTimeoutMs(), 30000)),
        f.positive("upstream.max_connections", or(up.maxConnections(), 256)),
        or(up.responsesApi(), true));

    List<GatewayConfig.Provider> providers = providers(f, file.providers(), upstream);

    var traces = new GatewayConfig.Traces(f.positive("traces.queue_capacity", or(file.traces().queueCapacity(), 10_000)),
        env.get(or(file.traces().userIdSaltEnv(), "GW_USER_ID_SALT")));
    Path dataDir = Path.of(envOr("GW_DATA_DIR", or(file.dataDir(), "data")));
    List<String> pipeline = Pipelines.validate(where, file.pipeline());
    return new GatewayConfig(environment, l, upstream, providers, limits(f, file.limits()), keys(f, file.keys()), adminTokens(f, file.adminTokens()),
        traces, OtlpSettings.load(file.otlp(), env, f),
        NotificationSettings.load(file.incidentNotifications(), env, f), dataDir, storeUrl(), pipeline, false, fleet(env),
        null);
  }

  /**
   * gateway.json's {@code providers}: each named once (not {@value GatewayConfig#DEFAULT_PROVIDER}, the
   * upstream's name), a kind, a base URL, its key from {@code api_key_env} (by default
   * {@code OPENAI_API_KEY} or {@code ANTHROPIC_API_KEY}), connection settings defaulting to the
   * upstream's, and the models it serves: exact names or prefixes ending in {@code *}.
   */
  private List<GatewayConfig.Provider> providers(ConfigFields f, List<GatewayFile.Provider> declared,
      GatewayConfig.Upstream upstream) {
    List<GatewayConfig.Provider> out = new java.util.ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>(List.of(GatewayConfig.DEFAULT_PROVIDER));
    for (int i = 0; i < declared.size(); i++) {
      GatewayFile.Provider p = declared.get(i);
      String at = "providers[" + i + "]";
      String name = f.required(at + ".name", p.name());
      if (!names.add(name)) {
        throw f.error(at + ".name", "'" + name + "' is used twice (" + GatewayConfig.DEFAULT_PROVIDER
            + " names the upstream)", "give each provider its own name");
      }
      String kind = or(p.kind(), "openai");
      f.oneOf(at + ".kind", kind, List.of("openai", "anthropic"));
      gw.gateway.chain.Wire k = gw.gateway.chain.Wire.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
      String keyEnv = or(p.apiKeyEnv(), k == gw.gateway.chain.Wire.ANTHROPIC ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
      if (p.models() == null || p.models().isEmpty() || p.models().stream().anyMatch(m -> m == null || m.isBlank()
          || m.indexOf('*') >= 0 && m.indexOf('*') != m.length() - 1)) {
        throw f.error(at + ".models", "must list the models it serves, got " + p.models(),
            "use exact names or prefixes ending in *, e.g. [\"claude-*\"]");
      }
      var connection = new GatewayConfig.Upstream(
          validateBaseUrl(f.where() + " " + at + ".base_url", f.required(at + ".base_url", p.baseUrl())),
          env.get(keyEnv),
          f.positive(at + ".connect_timeout_ms", or(p.connectTimeoutMs(), upstream.connectTimeoutMs())),
          f.positive(at + ".timeout_ms", or(p.timeoutMs(), upstream.timeoutMs())),
          f.positive(at + ".idle_timeout_ms", or(p.idleTimeoutMs(), upstream.idleTimeoutMs())),
          f.positive(at + ".max_connections", or(p.maxConnections(), upstream.maxConnections())),
          or(p.responsesApi(), true));
      out.add(new GatewayConfig.Provider(name, k, connection, List.copyOf(p.models())));
    }
    return List.copyOf(out);
  }

  /** GW_INSTANCE_ID (else host name and process id) and GW_REDIS_URL. */
  static GatewayConfig.Fleet fleet(Map<String, String> env) {
    String redis = env.get("GW_REDIS_URL");
    if (redis != null && !redis.isBlank()) {
      try {
        gw.gateway.shared.RedisLink.validate(redis);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("GW_REDIS_URL: " + e.getMessage());
      }
    } else {
      redis = null;
    }
    return new GatewayConfig.Fleet(env.getOrDefault("GW_INSTANCE_ID", defaultInstanceId()), redis,
        GatewayConfig.Fleet.DEFAULT_REDIS_TIMEOUT_MS);
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "gw";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  /** GW_STORE_URL (null: the embedded SQLite stores), its password possibly in GW_STORE_PASSWORD. */
  private StoreUrl storeUrl() {
    String url = env.get("GW_STORE_URL");
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      return StoreUrl.parse(url, env.get("GW_STORE_PASSWORD"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("GW_STORE_URL: " + e.getMessage());
    }
  }

  private static GatewayConfig.Limits limits(ConfigFields f, GatewayFile.Limits l) {
    GatewayConfig.Limits d = GatewayConfig.Limits.DEFAULTS;
    return new GatewayConfig.Limits(
        f.atLeast("limits.max_body_bytes", or(l.maxBodyBytes(), d.maxBodyBytes()), 1),
        f.positive("limits.header_timeout_ms", or(l.headerTimeoutMs(), d.headerTimeoutMs())),
        f.positive("limits.body_timeout_ms", or(l.bodyTimeoutMs(), d.bodyTimeoutMs())),
        f.positive("limits.keep_alive_timeout_ms", or(l.keepAliveTimeoutMs(), d.keepAliveTimeoutMs())),
        f.positive("limits.max_in_flight", or(l.maxInFlight(), d.maxInFlight())),
        f.positive("limits.max_upstream_wait_queue", or(l.maxUpstreamWaitQueue(), d.maxUpstreamWaitQueue())),
        f.atLeast("limits.max_response_bytes", or(l.maxResponseBytes(), d.maxResponseBytes()), 1024),
        f.positive("limits.max_stream_event_bytes", or(l.maxStreamEventBytes(), d.maxStreamEventBytes())),
        f.atLeast("limits.max_traced_stream_bytes", or(l.maxTracedStreamBytes(), d.maxTracedStreamBytes()), 65536),
        f.positive("limits.max_label_values", or(l.maxLabelValues(), d.maxLabelValues())));
  }

  private static List<GatewayConfig.GatewayKey> keys(ConfigFields f, List<GatewayFile.Key> entries) {
    List<GatewayConfig.GatewayKey> keys = new ArrayList<>();
    Set<String> seenKeys = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String at = "keys[" + i + "]";
      GatewayFile.Key k = present(f, at, entries.get(i));
      String key = f.required(at + ".key", k.key());
      if (!seenKeys.add(key)) {
        throw f.error(at + ".key", "is a duplicate", "give every client its own key");
      }
      String tier = or(k.tier(), "free");
      f.oneOf(at + ".tier", tier, TIERS);
      keys.add(new GatewayConfig.GatewayKey(key, or(k.name(), "key-" + (i + 1)), f.required(at + ".tenant", k.tenant()),
          or(k.team(), "default"), tier));
    }
    return List.copyOf(keys);
  }

  private static List<GatewayConfig.AdminToken> adminTokens(ConfigFields f, List<GatewayFile.AdminToken> entries) {
    List<GatewayConfig.AdminToken> tokens = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String at = "admin_tokens[" + i + "]";
      GatewayFile.AdminToken t = present(f, at, entries.get(i));
      String role = f.required(at + ".role", t.role());
      f.oneOf(at + ".role", role, ROLES);
      tokens.add(new GatewayConfig.AdminToken(f.required(at + ".token", t.token()), or(t.name(), "admin-" + (i + 1)),
          role, t.tenant()));
    }
    return List.copyOf(tokens);
  }

  private static <T> T present(ConfigFields f, String at, T entry) {
    if (entry == null) {
      throw f.error(at, "is null", "write an object or remove the entry");
    }
    return entry;
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** Checks an upstream base URL the way a user will type it, e.g. {@code https://api.openai.com/v1}. */
  public static String validateBaseUrl(String where, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": upstream base URL '" + url + "' is not a URL; use e.g. https://api.openai.com/v1");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new ConfigException(where + ": upstream base URL '" + url + "' must be http(s)://host[:port]/v1");
    }
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (!trimmed.endsWith("/v1")) {
      throw new ConfigException(where + ": upstream base URL '" + url
          + "' must end in /v1 (the OpenAI-compatible API root), e.g. " + trimmed + "/v1");
    }
    return trimmed;
  }

  private String envOr(String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private int envInt(String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("environment variable " + name + "='" + v + "' is not an integer");
    }
  }
}
