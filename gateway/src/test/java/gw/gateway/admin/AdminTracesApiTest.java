package gw.gateway.admin;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Querying stored traces: auth, filters, paging and tenant scope. */
class AdminTracesApiTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;

  @BeforeAll
  static void start() {
    for (int i = 0; i < 7; i++) {
      gw.post("/v1/chat/completions", chat("gpt-4o-mini", "question " + i), "x-session-id", "s-paging");
    }
    gw.post("/v1/chat/completions", chat("gpt-4o", "other model"), "x-session-id", "s-other");
    gw.post("/v1/chat/completions", chat("gpt-4o", "broken"), "x-session-id", "s-other", "x-mock-chaos", "error_503");
    gw.send(HttpMethod.POST, "/v1/chat/completions", MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer " + GatewayHarness.BETA_KEY).add("Content-Type", "application/json"),
        chat("gpt-4o-mini", "beta tenant").toBuffer());
    gw.flushTraces();
  }

  private static JsonNode list(String query, String token) {
    HttpResponse<Buffer> r = gw.admin("/admin/traces" + query, token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return GatewayHarness.readTree(r.bodyAsString());
  }

  @Test
  void requiresAnAdminToken() {
    assertThat(gw.admin("/admin/traces", null).statusCode()).isEqualTo(401);
    assertThat(gw.admin("/admin/traces", GatewayHarness.KEY).statusCode()).isEqualTo(401);
    assertThat(gw.admin("/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void filtersByModelStatusSessionAndTenant() {
    assertThat(list("?model=gpt-4o&session_id=s-other", GatewayHarness.ADMIN_TOKEN).path("data")).hasSize(2);
    JsonNode errors = list("?status=error&session_id=s-other", GatewayHarness.ADMIN_TOKEN).path("data");
    assertThat(errors).hasSize(1);
    assertThat(errors.path(0).path("http_status").asInt()).isEqualTo(503);
    JsonNode beta = list("?tenant=beta", GatewayHarness.ADMIN_TOKEN).path("data");
    assertThat(beta).hasSize(1);
    assertThat(beta.path(0).path("customer_tier").asText()).isEqualTo("free");
  }

  @Test
  void pagesThroughEverythingWithoutGapsOrDuplicates() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = list("?session_id=s-paging&limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
          GatewayHarness.ADMIN_TOKEN);
      page.path("data").forEach(t -> assertThat(seen.add(t.path("trace_id").asText())).isTrue());
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(7);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void tenantScopedTokenSeesOnlyItsTenant() {
    JsonNode data = list("", GatewayHarness.BETA_VIEWER_TOKEN).path("data");
    assertThat(data).hasSize(1);
    assertThat(data.path(0).path("tenant").asText()).isEqualTo("beta");
    assertThat(gw.admin("/admin/traces?tenant=acme", GatewayHarness.BETA_VIEWER_TOKEN).statusCode()).isEqualTo(400);
    String acmeTrace = list("?tenant=acme&limit=1", GatewayHarness.ADMIN_TOKEN).path("data").path(0)
        .path("trace_id").asText();
    assertThat(gw.admin("/admin/traces/" + acmeTrace, GatewayHarness.BETA_VIEWER_TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void badQueryParametersAre400WithAMessage() {
    HttpResponse<Buffer> r = gw.admin("/admin/traces?from=yesterday", GatewayHarness.ADMIN_TOKEN);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("ISO-8601");
    assertThat(gw.admin("/admin/traces?limit=0", GatewayHarness.ADMIN_TOKEN).statusCode()).isEqualTo(400);
    assertThat(gw.admin("/admin/traces/00000000-0000-4000-8000-000000000000", GatewayHarness.ADMIN_TOKEN)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void timeRangeFilterExcludesTheFuture() {
    JsonNode none = list("?from=2999-01-01T00:00:00Z", GatewayHarness.ADMIN_TOKEN).path("data");
    assertThat(none).isEmpty();
  }
}
