package gw.gateway.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import gw.gateway.security.Hidden;
import java.util.List;
import java.util.Map;

/**
 * {@code gateway.json} as written, bound by Jackson (unknown fields rejected); {@link ConfigLoader}
 * applies the defaults, the environment variables and the checks. Absent sections read as empty.
 */
record GatewayFile(String environment, Listen listen, Upstream upstream, List<Provider> providers, Limits limits,
    List<Key> keys,
    List<AdminToken> adminTokens, Traces traces, Otlp otlp, IncidentNotifications incidentNotifications,
    String dataDir,
    @JsonPropertyDescription("an array of policy names, e.g. [\"identify\", \"context\", ..., \"trace\"]")
    List<String> pipeline) {

  GatewayFile {
    listen = listen == null ? new Listen(null, null, null) : listen;
    upstream = upstream == null ? new Upstream(null, null, null, null, null, null, null) : upstream;
    providers = providers == null ? List.of() : providers;
    limits = limits == null ? new Limits(null, null, null, null, null, null, null, null, null, null) : limits;
    keys = keys == null ? List.of() : keys;
    adminTokens = adminTokens == null ? List.of() : adminTokens;
    traces = traces == null ? new Traces(null, null) : traces;
    otlp = otlp == null ? new Otlp(null, null, null, null, null, null, null, null, null, null, null, null) : otlp;
    incidentNotifications = incidentNotifications == null ? new IncidentNotifications(null, null, null, null)
        : incidentNotifications;
  }

  record Listen(String host, Integer port, Integer adminPort) {}

  record Upstream(String baseUrl, String apiKeyEnv, Integer connectTimeoutMs, Integer timeoutMs, Integer idleTimeoutMs,
      Integer maxConnections, Boolean responsesApi) {}

  record Provider(String name, String kind, String baseUrl, String apiKeyEnv, Integer connectTimeoutMs,
      Integer timeoutMs, Integer idleTimeoutMs, Integer maxConnections, Boolean responsesApi, List<String> models) {}

  record Limits(Long maxBodyBytes, Integer headerTimeoutMs, Integer bodyTimeoutMs, Integer keepAliveTimeoutMs,
      Integer maxInFlight, Integer maxUpstreamWaitQueue, Long maxResponseBytes, Integer maxStreamEventBytes,
      Long maxTracedStreamBytes, Integer maxLabelValues) {}

  record Key(String key, String name, String tenant, String team, String tier) {
    @Override
    public String toString() {
      return "Key[key=" + Hidden.secret(key) + ", name=" + name + "]";
    }
  }

  record AdminToken(String token, String name, String role, String tenant) {
    @Override
    public String toString() {
      return "AdminToken[token=" + Hidden.secret(token) + ", name=" + name + "]";
    }
  }

  record Traces(Integer queueCapacity, String userIdSaltEnv) {}

  /** Webhooks told of incidents; GW_INCIDENT_WEBHOOK_URL adds a generic one. */
  record IncidentNotifications(List<Webhook> webhooks, String adminUrl, Integer maxAttempts, Integer initialBackoffMs) {}

  /** {@code url} or {@code url_env} (the variable holding it); {@code routing_key_env} for PagerDuty. */
  record Webhook(String url, String urlEnv, String format, Map<String, String> headers, String routingKeyEnv) {
    @Override
    public String toString() {
      return "Webhook[url=" + Hidden.secret(url) + ", urlEnv=" + urlEnv + ", headers=" + Hidden.headers(headers) + "]";
    }
  }

  /** OTLP/HTTP trace export; the OTEL_* environment variables win over these. */
  record Otlp(String endpoint, String tracesEndpoint, Map<String, String> headers, String protocol,
      Boolean captureContent, Integer scheduleDelayMs, Integer maxQueueSize, Integer maxBatchSize, Integer timeoutMs,
      Integer maxAttempts, Integer initialBackoffMs, String serviceName) {
    @Override
    public String toString() {
      return "Otlp[endpoint=" + endpoint + ", tracesEndpoint=" + tracesEndpoint + ", headers=" + Hidden.headers(headers)
          + "]";
    }
  }
}
