package gw.gateway.cli;

import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigLoader;
import gw.gateway.config.ConfigSource;
import gw.gateway.config.GatewayConfig;
import gw.gateway.server.Gateway;
import gw.mock.MockLlmServer;
import gw.mock.MockOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the whole system on the embedded default: mock LLM + gateway (demo credentials, localhost).")
final class UpCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "${env:GW_PORT:-8080}", description = "Data-plane port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--admin-port", defaultValue = "${env:GW_ADMIN_PORT:-8081}", description = "Admin port (default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(names = "--mock-port", defaultValue = "${env:GW_MOCK_PORT:-8090}", description = "Mock LLM port (default ${DEFAULT-VALUE}).")
  int mockPort;

  @Option(names = "--data-dir", defaultValue = "${env:GW_DATA_DIR:-data}", description = "Trace store directory (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--config-dir", description = "Directory whose config files replace the bundled ones; the upstream "
      + "is always the mock (env GW_CONFIG_DIR; default: the bundled config).")
  Path configDir;

  @Option(names = "--time-scale", defaultValue = "1.0",
      description = "Mock latency multiplier; 0 answers instantly (default ${DEFAULT-VALUE}).")
  double timeScale;

  /** The mock and the gateway that {@code gw up} runs, as they started. */
  record Started(MockLlmServer mock, Gateway gateway, GatewayConfig config) {}

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    Started up;
    try {
      up = start(vertx);
    } catch (ConfigException e) {
      System.err.println("gw up: " + e.getMessage());
      vertx.close();
      return 2;
    }
    System.out.println("mock LLM     http://127.0.0.1:" + up.mock().actualPort() + "/v1");
    Banner.gateway(up.config(), up.gateway());
    Banner.nextSteps(up.gateway());
    return Running.untilInterrupted(vertx, up.gateway()::close);
  }

  /** Starts the mock, then the gateway on the bundled config pointed at it (blocking: not on an event loop). */
  Started start(Vertx vertx) {
    ConfigSource source = ServeCommand.configSource(configDir);
    MockLlmServer mock = new MockLlmServer(new MockOptions("127.0.0.1", mockPort, timeScale, 42));
    Running.await(vertx, vertx.deployVerticle(mock), "starting the mock LLM on 127.0.0.1:" + mockPort);
    GatewayConfig config = new ConfigLoader(source, System.getenv()).load()
        .withCommandLine("http://127.0.0.1:" + mock.actualPort() + "/v1", port, adminPort, dataDir, true);
    Gateway gateway = Running.await(vertx, Gateway.start(vertx, config, source), "starting the gateway");
    return new Started(mock, gateway, config);
  }
}
