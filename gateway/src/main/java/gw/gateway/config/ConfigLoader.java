package gw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
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
    JsonNode root = source.read(FILE);
    String where = source.describe(FILE);
    ConfigFields f = new ConfigFields(where);

    String environment = envOr("GW_ENVIRONMENT", f.text(root, "environment", "dev"));
    f.oneOf("environment", environment, ENVIRONMENTS);

    JsonNode listen = root.path("listen");
    var l = new GatewayConfig.Listen(
        envOr("GW_HOST", f.text(listen, "listen.host", "127.0.0.1")),
        f.port("listen.port", envInt("GW_PORT", f.integer(listen, "listen.port", 8080))),
        f.port("listen.admin_port", envInt("GW_ADMIN_PORT", f.integer(listen, "listen.admin_port", 8081))));

    JsonNode up = root.path("upstream");
    String baseUrl = envOr("GW_UPSTREAM", f.text(up, "upstream.base_url", "http://127.0.0.1:8090/v1"));
    String keyEnv = f.text(up, "upstream.api_key_env", "OPENAI_API_KEY");
    String apiKey = env.getOrDefault("GW_UPSTREAM_API_KEY", env.get(keyEnv));
    var upstream = new GatewayConfig.Upstream(
        validateBaseUrl(where, baseUrl),
        apiKey,
        f.positive("upstream.connect_timeout_ms", f.integer(up, "upstream.connect_timeout_ms", 5000)),
        f.positive("upstream.timeout_ms", f.integer(up, "upstream.timeout_ms", 60000)),
        f.positive("upstream.idle_timeout_ms", f.integer(up, "upstream.idle_timeout_ms", 30000)),
        f.positive("upstream.max_connections", f.integer(up, "upstream.max_connections", 256)));

    long maxBody = f.positive("limits.max_body_bytes", f.integer(root.path("limits"), "limits.max_body_bytes", 8 << 20));

    List<GatewayConfig.GatewayKey> keys = new ArrayList<>();
    Set<String> seenKeys = new HashSet<>();
    int i = 0;
    for (JsonNode k : root.path("keys")) {
      String at = "keys[" + i++ + "]";
      String key = f.required(k, at + ".key");
      if (!seenKeys.add(key)) {
        throw f.error(at + ".key", "is a duplicate", "give every client its own key");
      }
      String tier = f.text(k, at + ".tier", "free");
      f.oneOf(at + ".tier", tier, TIERS);
      keys.add(new GatewayConfig.GatewayKey(key, f.text(k, at + ".name", "key-" + i),
          f.required(k, at + ".tenant"), f.text(k, at + ".team", "default"), tier));
    }

    List<GatewayConfig.AdminToken> tokens = new ArrayList<>();
    i = 0;
    for (JsonNode t : root.path("admin_tokens")) {
      String at = "admin_tokens[" + i++ + "]";
      String role = f.required(t, at + ".role");
      f.oneOf(at + ".role", role, ROLES);
      tokens.add(new GatewayConfig.AdminToken(f.required(t, at + ".token"), f.text(t, at + ".name", "admin-" + i),
          role, t.hasNonNull("tenant") ? t.get("tenant").asText() : null));
    }

    JsonNode tr = root.path("traces");
    String saltEnv = f.text(tr, "traces.user_id_salt_env", "GW_USER_ID_SALT");
    var traces = new GatewayConfig.Traces(
        f.positive("traces.queue_capacity", f.integer(tr, "traces.queue_capacity", 10_000)), env.get(saltEnv));

    Path dataDir = Path.of(envOr("GW_DATA_DIR", f.text(root, "data_dir", "data")));
    List<String> pipeline = Pipelines.validate(where, root.get("pipeline"));
    return new GatewayConfig(environment, l, upstream, maxBody, List.copyOf(keys), List.copyOf(tokens), traces, dataDir,
        pipeline,
        false);
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
