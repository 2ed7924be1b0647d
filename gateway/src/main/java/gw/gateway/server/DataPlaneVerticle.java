package gw.gateway.server;

import gw.gateway.config.GatewayConfig;
import gw.gateway.policy.forward.ForwardRules;
import gw.gateway.time.Timers;
import gw.gateway.upstream.AttemptTimeout;
import gw.gateway.upstream.BreakerGuard;
import gw.gateway.upstream.FallbackModels;
import gw.gateway.upstream.HttpUpstream;
import gw.gateway.upstream.ProviderRouter;
import gw.gateway.upstream.Retry;
import gw.gateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One instance per event loop; each has its own connection pool to each provider so a request never
 * hops threads between client and provider.
 */
final class DataPlaneVerticle extends VerticleBase {
  private final DataPlane plane;
  private final int port;
  private HttpServer server;
  private ConnectionWatch connections;

  DataPlaneVerticle(DataPlane plane, int port) {
    this.plane = plane;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    GatewayConfig config = plane.config();
    GatewayConfig.Limits limits = config.limits();
    Map<String, Upstream> providers = new HashMap<>();
    for (GatewayConfig.Provider provider : plane.providers().all()) {
      GatewayConfig.Upstream up = provider.connection();
      HttpClient client = vertx.createHttpClient(
          new HttpClientOptions()
              .setConnectTimeout(up.connectTimeoutMs())
              .setKeepAlive(true)
              .setTcpNoDelay(true)
              .setDecompressionSupported(false),
          new PoolOptions().setHttp1MaxSize(up.maxConnections()).setMaxWaitQueueSize(limits.maxUpstreamWaitQueue()));
      providers.put(provider.name(), new HttpUpstream(client, provider, up.idleTimeoutMs(), plane.rules().headers()));
    }
    connections = new ConnectionWatch(vertx, limits.headerTimeoutMs(), limits.bodyTimeoutMs(),
        limits.keepAliveTimeoutMs(), plane.edge());
    ProxyHandler handler = new ProxyHandler(vertx, upstream(new ProviderRouter(providers)), plane, connections);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.listen().host())
        .setPort(port)
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        // HTTP/1.1 only: h2c's upgrade probe hands over the connection after ConnectionWatch saw it open.
        .setHttp2ClearTextEnabled(false)
        // Envoy's default: request headers up to 60 KiB in all; beyond, the server answers 431.
        .setMaxHeaderSize(ProxyHandler.MAX_HEADER_BYTES);
    server = vertx.createHttpServer(options);
    return server.connectionHandler(connection -> {
      FramingCheck.install(connection, options);
      connections.opened(connection);
    }).requestHandler(handler).listen();
  }

  @Override
  public Future<?> stop() {
    connections.close();
    return Future.succeededFuture();
  }

  /** The provider call and its decorators, innermost last; all run on this verticle's event loop. */
  private Upstream upstream(Upstream http) {
    Timers timers = Timers.of(vertx);
    // One request's own deadline and attempt latencies, measured against the same Vert.x timers: monotonic.
    LongSupplier nanoClock = System::nanoTime;
    ForwardRules rules = plane.rules();
    Upstream guarded = new BreakerGuard(new AttemptTimeout(http, rules.attemptTimeoutMs(), timers), plane.upstreamGuard(),
        nanoClock);
    return new FallbackModels(new Retry(guarded, rules, timers, nanoClock), rules, nanoClock);
  }

  int actualPort() {
    return server.actualPort();
  }
}
