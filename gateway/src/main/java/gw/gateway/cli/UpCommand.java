package gw.gateway.cli;

import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigLoader;
import gw.gateway.config.ConfigSource;
import gw.gateway.config.GatewayConfig;
import gw.gateway.server.Gateway;
import gw.mock.MockLlmServer;
import gw.mock.MockOptions;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the whole system on the embedded default: mock LLM + gateway (demo credentials, localhost). "
        + "With --config-dir the upstream is still the mock.")
final class UpCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = EnvDefaults.PORT, description = "Data-plane port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--admin-port", defaultValue = EnvDefaults.ADMIN_PORT, description = "Admin port (default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(names = "--mock-port", defaultValue = EnvDefaults.MOCK_PORT, description = "Mock LLM port (default ${DEFAULT-VALUE}).")
  int mockPort;

  @Mixin DataDirOption traceStore;
  @Mixin ConfigDirOption configDir;
  @Mixin MockTimeScaleOption timeScale;
  @Mixin LogFormatOption logFormat;

  /** The mock and the gateway that {@code gw up} runs, as they started. */
  record Started(MockLlmServer mock, Gateway gateway, GatewayConfig config) {}

  @Override
  public Integer call() {
    PrintStream banner = logFormat.install();
    Vertx vertx = Vertx.vertx();
    Started up;
    try {
      up = start(vertx);
    } catch (ConfigException e) {
      System.err.println("gw up: " + e.getMessage());
      vertx.close();
      return 2;
    }
    banner.println("mock LLM     http://127.0.0.1:" + up.mock().actualPort() + "/v1");
    Banner.gateway(banner, up.config(), up.gateway());
    Banner.nextSteps(banner, up.gateway());
    return Running.untilInterrupted(vertx, up.gateway()::close);
  }

  /** Starts the mock, then the gateway on the bundled config pointed at it (blocking: not on an event loop). */
  Started start(Vertx vertx) {
    ConfigSource source = configDir.source();
    MockLlmServer mock = new MockLlmServer(new MockOptions("127.0.0.1", mockPort, timeScale.value, 42));
    Running.await(vertx, vertx.deployVerticle(mock), "starting the mock LLM on 127.0.0.1:" + mockPort);
    GatewayConfig config = new ConfigLoader(source, System.getenv()).load()
        .withCommandLine("http://127.0.0.1:" + mock.actualPort() + "/v1", port, adminPort, traceStore.dir, true)
        .withEmbeddedMock("http://127.0.0.1:" + mock.actualPort());
    Gateway gateway = Running.await(vertx, Gateway.start(vertx, config, source), "starting the gateway");
    return new Started(mock, gateway, config);
  }
}
