package gw.gateway.upstream;

import gw.gateway.chain.Wire;
import gw.gateway.config.GatewayConfig;
import gw.gateway.security.Hidden;
import java.net.URI;

/**
 * A provider's parsed base URL and credentials, computed once: OpenAI-compatible servers take the key
 * as {@code Authorization: Bearer}, Anthropic as {@code x-api-key}.
 */
public record UpstreamTarget(String name, Wire wire, String host, int port, boolean ssl, String basePath,
    String authHeader, String authValue) {

  public static UpstreamTarget of(GatewayConfig.Provider provider) {
    GatewayConfig.Upstream upstream = provider.connection();
    URI uri = URI.create(upstream.baseUrl());
    boolean ssl = "https".equals(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    boolean keyless = upstream.apiKey() == null || upstream.apiKey().isBlank();
    boolean anthropic = provider.kind() == Wire.ANTHROPIC;
    return new UpstreamTarget(provider.name(), provider.kind(), uri.getHost(), port, ssl, uri.getRawPath(),
        anthropic ? "x-api-key" : "authorization",
        keyless ? null : anthropic ? upstream.apiKey() : "Bearer " + upstream.apiKey());
  }

  @Override
  public String toString() {
    return "UpstreamTarget[" + name + " " + wire.id() + " " + describe() + ", " + authHeader + "="
        + Hidden.secret(authValue) + "]";
  }

  public String describe() {
    return (ssl ? "https://" : "http://") + host + ":" + port + basePath;
  }
}
