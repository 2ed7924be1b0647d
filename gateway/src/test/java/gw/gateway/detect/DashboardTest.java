package gw.gateway.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard is well-formed for import (uid, title, schema version, a Prometheus
 * datasource variable, unique panel ids on a 24-column grid) and every query names a series the
 * gateway really exports.
 */
class DashboardTest {
  private static final Pattern SERIES = Pattern.compile("\\b(gw_[a-z0-9_]+)");
  @TempDir Path dataDir;

  /** The series a gateway exports after traffic of every kind the dashboard shows. */
  private Set<String> exportedSeries() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "hello").put("stream", true));
      gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "hello").put("gateway", new JsonObject()
          .put("tools", new JsonArray().add(new JsonObject().put("name", "lookup").put("success", true)))));
      gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "broken"), "x-mock-chaos", "error_500");
      gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "throttled"), "x-mock-chaos", "rate_limit=0");
      gw.flushTraces();
      String metrics = gw.admin("/metrics", null).bodyAsString();
      Set<String> names = new HashSet<>();
      Matcher m = Pattern.compile("^(gw_[a-z0-9_]+)", Pattern.MULTILINE).matcher(metrics);
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }
  }

  @Test
  void theDashboardImportsAndQueriesOnlyExportedSeries() throws Exception {
    JsonNode d = new ObjectMapper().readTree(Path.of("..", "config", "grafana", "gw-dashboard.json").toFile());
    assertThat(d.path("uid").asText()).isEqualTo("gw-north-star");
    assertThat(d.path("title").asText()).isNotBlank();
    assertThat(d.path("schemaVersion").asInt()).isPositive();
    assertThat(d.path("templating").path("list").get(0).path("type").asText()).isEqualTo("datasource");
    Set<Integer> ids = new HashSet<>();
    Set<String> exported = exportedSeries();
    for (JsonNode p : d.path("panels")) {
      assertThat(ids.add(p.path("id").asInt())).as("unique panel id").isTrue();
      assertThat(p.path("gridPos").path("x").asInt() + p.path("gridPos").path("w").asInt()).isLessThanOrEqualTo(24);
      assertThat(p.path("targets")).isNotEmpty();
      for (JsonNode t : p.path("targets")) {
        Matcher m = SERIES.matcher(t.path("expr").asText());
        assertThat(m.find()).as(p.path("title").asText()).isTrue();
        do {
          assertThat(exported).as("query of '" + p.path("title").asText() + "'").contains(m.group(1));
        } while (m.find());
      }
    }
    assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
  }
}
