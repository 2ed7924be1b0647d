package gw.gateway.upstream;

import gw.gateway.config.GatewayConfig;
import gw.gateway.security.Hidden;
import java.net.URI;

/** The parsed upstream base URL, computed once. */
public record UpstreamTarget(String host, int port, boolean ssl, String basePath, String authorization) {

  public static UpstreamTarget of(GatewayConfig.Upstream upstream) {
    URI uri = URI.create(upstream.baseUrl());
    boolean ssl = "https".equals(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String auth = upstream.apiKey() == null || upstream.apiKey().isBlank() ? null : "Bearer " + upstream.apiKey();
    return new UpstreamTarget(uri.getHost(), port, ssl, uri.getRawPath(), auth);
  }

  @Override
  public String toString() {
    return "UpstreamTarget[" + describe() + ", authorization=" + Hidden.secret(authorization) + "]";
  }

  public String describe() {
    return (ssl ? "https://" : "http://") + host + ":" + port + basePath;
  }
}
