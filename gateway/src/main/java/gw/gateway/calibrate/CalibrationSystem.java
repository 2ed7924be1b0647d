package gw.gateway.calibrate;

import gw.gateway.config.ConfigLoader;
import gw.gateway.config.ConfigSource;
import gw.gateway.config.GatewayConfig;
import gw.gateway.drill.DrillTarget;
import gw.gateway.server.Gateway;
import gw.mock.MockLlmServer;
import gw.mock.MockOptions;
import gw.mock.client.RagTraffic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real mock and the real gateway, started as {@code gw up} starts them (the loaded config with the
 * mock as upstream, dev mode) but on free ports, a data dir of their own and a given config. Blocking:
 * use it from a thread that is not an event loop.
 */
final class CalibrationSystem implements AutoCloseable {
  private static final long START_SECONDS = 60;

  final Vertx vertx;
  final Gateway gateway;
  final GatewayConfig config;
  final DrillTarget admin;
  private final String mockUrl;

  private CalibrationSystem(Vertx vertx, MockLlmServer mock, Gateway gateway, GatewayConfig config) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.config = config;
    this.mockUrl = "http://127.0.0.1:" + mock.actualPort();
    this.admin = new DrillTarget(vertx, "http://127.0.0.1:" + gateway.adminPort(), mockUrl,
        config.adminTokens().get(0).token());
  }

  static CalibrationSystem start(ConfigSource source, Path dataDir) {
    Vertx vertx = Vertx.vertx();
    try {
      MockLlmServer mock = new MockLlmServer(MockOptions.defaults().withPort(0));
      await(vertx.deployVerticle(mock));
      GatewayConfig config = new ConfigLoader(source, System.getenv()).load()
          .withCommandLine("http://127.0.0.1:" + mock.actualPort() + "/v1", 0, 0, dataDir, true);
      return new CalibrationSystem(vertx, mock, await(Gateway.start(vertx, config, source)), config);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  String gatewayUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  String key() {
    return config.keys().get(0).key();
  }

  /** The sample client's realistic traffic through this gateway, retrieving from this mock. */
  RagTraffic.Options traffic(CalibrationSettings s, long requests, long seed) {
    return new RagTraffic.Options(gatewayUrl(), mockUrl, key(), s.ratePerSecond(), null, requests, s.model(), seed,
        RagTraffic.Options.DEFAULT_MAX_IN_FLIGHT, gw.mock.MockProfile.REALISTIC, s.timeScale());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(START_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin.close();
    try {
      await(gateway.close());
    } finally {
      await(vertx.close());
    }
  }
}
