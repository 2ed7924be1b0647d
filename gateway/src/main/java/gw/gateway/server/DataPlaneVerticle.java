package gw.gateway.server;

import gw.gateway.chain.PolicyChain;
import gw.gateway.config.GatewayConfig;
import gw.gateway.policy.breaker.UpstreamGuard;
import gw.gateway.policy.forward.ForwardRules;
import gw.gateway.upstream.UpstreamTarget;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;

/**
 * One instance per event loop; each has its own upstream connection pool so a request never
 * hops threads between client and provider.
 */
final class DataPlaneVerticle extends VerticleBase {
  private final GatewayConfig config;
  private final PolicyChain chain;
  private final int port;
  private final InFlight inFlight;
  private final UpstreamGuard upstreamGuard;
  private final ForwardRules rules;
  private HttpServer server;

  DataPlaneVerticle(GatewayConfig config, PolicyChain chain, int port, InFlight inFlight, UpstreamGuard upstreamGuard,
      ForwardRules rules) {
    this.config = config;
    this.upstreamGuard = upstreamGuard;
    this.rules = rules;
    this.chain = chain;
    this.port = port;
    this.inFlight = inFlight;
  }

  @Override
  public Future<?> start() {
    GatewayConfig.Upstream up = config.upstream();
    HttpClient client = vertx.createHttpClient(
        new HttpClientOptions()
            .setConnectTimeout(up.connectTimeoutMs())
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setDecompressionSupported(false),
        new PoolOptions().setHttp1MaxSize(up.maxConnections()));
    ProxyHandler handler = new ProxyHandler(vertx, client, UpstreamTarget.of(up), chain, config.maxBodyBytes(),
        up.timeoutMs(), up.idleTimeoutMs(), inFlight, upstreamGuard, rules);
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.listen().host())
        .setPort(port)
        .setTcpNoDelay(true)
        .setCompressionSupported(false));
    return server.requestHandler(handler).listen();
  }

  int actualPort() {
    return server.actualPort();
  }
}
