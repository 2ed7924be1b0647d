package gw.gateway.testing;

import gw.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Two gateway instances, {@code gw-a} and {@code gw-b}, on one Redis and one mock (a's; b sends to it),
 * each in a data directory of its own under {@code dir}, as two instances behind a load balancer run.
 */
public final class GatewayFleet implements AutoCloseable {
  public final GatewayHarness a;
  public final GatewayHarness b;

  private GatewayFleet(GatewayHarness a, GatewayHarness b) {
    this.a = a;
    this.b = b;
  }

  /** {@code options} apply to both (add a store URL there to share PostgreSQL too). */
  public static GatewayFleet start(Path dir, GatewayHarness.Options options, String redisUrl) {
    GatewayHarness a = GatewayHarness.start(dir.resolve("a"),
        options.withFleet(new GatewayConfig.Fleet("gw-a", redisUrl, 1_000)));
    try {
      GatewayHarness b = GatewayHarness.start(dir.resolve("b"), options
          .withUpstream("http://127.0.0.1:" + a.mock.actualPort() + "/v1")
          .withFleet(new GatewayConfig.Fleet("gw-b", redisUrl, 1_000)));
      return new GatewayFleet(a, b);
    } catch (RuntimeException | Error e) {
      a.close();
      throw e;
    }
  }

  public List<GatewayHarness> both() {
    return List.of(a, b);
  }

  @Override
  public void close() {
    try {
      b.close();
    } finally {
      a.close();
    }
  }
}
