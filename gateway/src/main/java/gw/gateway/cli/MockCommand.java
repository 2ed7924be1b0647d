package gw.gateway.cli;

import gw.mock.MockLlmServer;
import gw.mock.MockOptions;
import gw.mock.MockProfile;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mock", mixinStandardHelpOptions = true,
    description = "Run only the mock LLM (OpenAI-compatible, with chaos injection).")
final class MockCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = EnvDefaults.MOCK_PORT, description = "Port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default ${DEFAULT-VALUE}).")
  String host;

  @Mixin MockTimeScaleOption timeScale;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for chaos rates (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--profile", defaultValue = "standard", paramLabel = "standard|realistic",
      description = "How answers are paced and written unless a request's x-mock-profile header says otherwise "
          + "(default ${DEFAULT-VALUE}).")
  String profile;

  @Override
  public Integer call() {
    MockOptions options;
    try {
      options = new MockOptions(host, port, timeScale.value, seed, MockProfile.parse(profile, "--profile"));
    } catch (IllegalArgumentException e) {
      System.err.println("gw mock: " + e.getMessage());
      return 1;
    }
    Vertx vertx = Vertx.vertx();
    MockLlmServer mock = new MockLlmServer(options);
    Running.await(vertx, vertx.deployVerticle(mock), "starting the mock LLM on " + host + ":" + port);
    System.out.println("mock LLM (" + options.profile().wireName() + " profile) listening on http://" + host + ":"
        + mock.actualPort() + "/v1"
        + "  (chaos: GET/POST/DELETE /chaos)");
    return Running.untilInterrupted(vertx, () -> io.vertx.core.Future.succeededFuture());
  }
}
