package gw.gateway.config;

import java.nio.file.Path;
import java.util.List;

/** Everything the gateway needs at start-up, validated once by {@link ConfigLoader}. */
public record GatewayConfig(
    String environment,
    Listen listen,
    Upstream upstream,
    long maxBodyBytes,
    List<GatewayKey> keys,
    List<AdminToken> adminTokens,
    Traces traces,
    Path dataDir,
    List<String> pipeline,
    boolean devMode) {

  public static final String DEMO_GATEWAY_KEY = "gw-demo-key";
  public static final String DEMO_ADMIN_TOKEN = "gw-admin-demo";

  public record Listen(String host, int port, int adminPort) {}

  /** The provider: an OpenAI-compatible base URL ending in /v1, and its key (never sent to clients). */
  public record Upstream(
      String baseUrl, String apiKey, int connectTimeoutMs, int timeoutMs, int idleTimeoutMs, int maxConnections) {}

  /** A client credential and who it belongs to. The key itself is never stored in a trace. */
  public record GatewayKey(String key, String name, String tenant, String team, String tier) {}

  /** An admin credential; {@code tenant} non-null scopes its trace queries to one tenant. */
  public record AdminToken(String token, String name, String role, String tenant) {}

  public record Traces(int queueCapacity, String userIdSalt) {}

  public boolean usesDemoCredentials() {
    return keys.stream().anyMatch(k -> DEMO_GATEWAY_KEY.equals(k.key()))
        || adminTokens.stream().anyMatch(t -> DEMO_ADMIN_TOKEN.equals(t.token()));
  }

  public GatewayConfig withListen(Listen l) {
    return new GatewayConfig(environment, l, upstream, maxBodyBytes, keys, adminTokens, traces, dataDir, pipeline, devMode);
  }

  public GatewayConfig withUpstream(Upstream u) {
    return new GatewayConfig(environment, listen, u, maxBodyBytes, keys, adminTokens, traces, dataDir, pipeline, devMode);
  }

  public GatewayConfig withDataDir(Path d) {
    return new GatewayConfig(environment, listen, upstream, maxBodyBytes, keys, adminTokens, traces, d, pipeline, devMode);
  }

  public GatewayConfig withDevMode(boolean dev) {
    return new GatewayConfig(environment, listen, upstream, maxBodyBytes, keys, adminTokens, traces, dataDir, pipeline, dev);
  }

  /**
   * What {@code gw serve} and {@code gw up} change from the files: the upstream base URL, the ports and the data
   * directory when given (null keeps the file's), and dev mode.
   */
  public GatewayConfig withCommandLine(String upstreamUrl, Integer port, Integer adminPort, Path dataDir,
      boolean dev) {
    GatewayConfig out = this;
    if (upstreamUrl != null) {
      out = out.withUpstream(new Upstream(ConfigLoader.validateBaseUrl("--upstream", upstreamUrl),
          upstream.apiKey(), upstream.connectTimeoutMs(), upstream.timeoutMs(), upstream.idleTimeoutMs(),
          upstream.maxConnections()));
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
