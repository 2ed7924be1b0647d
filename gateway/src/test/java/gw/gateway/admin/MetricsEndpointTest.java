package gw.gateway.admin;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.GatewayHarness;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's own overhead per request is a Prometheus histogram, and trace losses are counted. */
class MetricsEndpointTest {
  @TempDir static Path dataDir;
  static GatewayHarness gw;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.start(dataDir);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void overheadHistogramCountsEveryRequestPerRoute() {
    double before = value(scrape(), "gw_gateway_overhead_seconds_count", "/v1/chat/completions");
    for (int i = 0; i < 5; i++) {
      gw.post("/v1/chat/completions", chat("gpt-4o-mini", "count me " + i));
    }
    gw.flushTraces();
    String metrics = scrape();
    assertThat(value(metrics, "gw_gateway_overhead_seconds_count", "/v1/chat/completions")).isEqualTo(before + 5);
    assertThat(value(metrics, "gw_gateway_overhead_seconds_sum", "/v1/chat/completions")).isPositive();
    assertThat(metrics).contains("gw_gateway_overhead_seconds_bucket{route=\"/v1/chat/completions\",le=\"0.001\"}");
    assertThat(metrics).containsPattern("gw_traces_stored_total \\d");
    assertThat(metrics).contains("gw_traces_dropped_total 0.0");
    assertThat(metrics).contains("gw_requests_in_flight 0.0");
  }

  private static String scrape() {
    var r = gw.http.get(gw.gateway.adminPort(), "127.0.0.1", "/metrics").send();
    return GatewayHarness.await(r).bodyAsString();
  }

  private static double value(String metrics, String name, String route) {
    Matcher m = Pattern.compile("^" + name + "\\{route=\"" + Pattern.quote(route) + "\"} (\\S+)$", Pattern.MULTILINE)
        .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
