package gw.gateway.server;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.GatewayConfig;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One connection to the provider per event loop and a wait queue of one: of six slow requests at
 * once, each event loop serves two (one on the connection, one queued) and sheds the rest with 503
 * and Retry-After, without retrying them (a retry would multiply the load being shed).
 */
class UpstreamWaitQueueTest {
  private static final GatewayConfig.Limits LIMITS = new GatewayConfig.Limits(1 << 20, 10_000, 30_000, 60_000,
      1024, 1, 32L << 20, 1 << 20, 16L << 20, 1000);
  @RegisterExtension static final GatewaySystem system = GatewaySystem.with(
      GatewayHarness.Options.defaults().withLimits(LIMITS).withUpstreamConnections(1));
  static GatewayHarness gw;

  @Test
  void beyondTheWaitQueueRequestsAreShedWith503() {
    int eventLoops = Runtime.getRuntime().availableProcessors();
    int sent = 3 * eventLoops;
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    var client = io.vertx.ext.web.client.WebClient.create(gw.vertx,
        new io.vertx.ext.web.client.WebClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(sent));
    for (int i = 0; i < sent; i++) {
      all.add(client.post(gw.port(), "127.0.0.1", "/v1/chat/completions")
          .putHeader("Authorization", "Bearer " + GatewayHarness.KEY)
          .putHeader("x-mock-chaos", "latency=800")
          .sendBuffer(Buffer.buffer(chat("gpt-4o-mini", "request " + i).toString())));
    }
    int ok = 0;
    int shed = 0;
    for (Future<HttpResponse<Buffer>> f : all) {
      HttpResponse<Buffer> r = GatewayHarness.await(f);
      if (r.statusCode() == 503) {
        shed++;
        assertThat(r.getHeader("Retry-After")).isEqualTo("1");
        assertThat(GatewayHarness.readTree(r.bodyAsString()).path("error").path("code").asText())
            .isEqualTo("upstream_queue_full");
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        ok++;
      }
    }
    // At most two per event loop fit (one on its connection, one waiting), so at least a third is shed.
    assertThat(shed).isGreaterThanOrEqualTo(sent - 2 * eventLoops);
    assertThat(ok).isGreaterThanOrEqualTo(1);
    gw.flushTraces();
    // Not retried: the mock saw only the requests that were served.
    assertThat(gw.mockReceived().size()).isEqualTo(ok);
    client.close();
  }
}
