package gw.gateway.cli;

import gw.mock.MockLlmServer;
import gw.mock.MockOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mock", mixinStandardHelpOptions = true,
    description = "Run only the mock LLM (OpenAI-compatible, with chaos injection).")
final class MockCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "${env:GW_MOCK_PORT:-8090}", description = "Port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--time-scale", defaultValue = "1.0",
      description = "Multiplier for the per-model latency profiles; 0 answers instantly (default ${DEFAULT-VALUE}).")
  double timeScale;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for chaos rates (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    MockLlmServer mock = new MockLlmServer(new MockOptions(host, port, timeScale, seed));
    Running.await(vertx, vertx.deployVerticle(mock), "starting the mock LLM on " + host + ":" + port);
    System.out.println("mock LLM listening on http://" + host + ":" + mock.actualPort() + "/v1"
        + "  (chaos: GET/POST/DELETE /chaos)");
    return Running.untilInterrupted(vertx, () -> io.vertx.core.Future.succeededFuture());
  }
}
