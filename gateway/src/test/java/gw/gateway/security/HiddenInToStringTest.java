package gw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.GatewayConfig;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.upstream.UpstreamTarget;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A config or credential record printed whole (a log line, an exception message) carries no secret, not even a part. */
class HiddenInToStringTest {
  private static final String SLACK_SECRET = "T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX";

  @Test
  void theWholeConfigPrintsNoKeyTokenOrWebhookSecret() {
    GatewayConfig config = GatewayHarness.config("http://127.0.0.1:1/v1", Path.of("data"),
            GatewayHarness.Options.defaults())
        .withOtlp(GatewayConfig.Otlp.OFF.withEndpoint(URI.create("http://127.0.0.1:4318/v1/traces")))
        .withNotifications(new GatewayConfig.IncidentNotifications(List.of(new GatewayConfig.IncidentWebhook(
            URI.create("https://hooks.slack.com/services/" + SLACK_SECRET), GatewayConfig.WebhookFormat.SLACK,
            Map.of("Authorization", "Bearer webhook-secret-1"), "pd-routing-key-1")), null, 5, 1000));
    String printed = config.toString() + config.routing().stream().map(UpstreamTarget::of).toList();
    assertThat(printed).contains("[hidden]").contains("acme-app")
        .doesNotContain(GatewayHarness.KEY).doesNotContain(GatewayHarness.BETA_KEY)
        .doesNotContain(GatewayHarness.ADMIN_TOKEN).doesNotContain(GatewayHarness.OPERATOR_TOKEN)
        .doesNotContain(GatewayHarness.PROVIDER_KEY).doesNotContain(GatewayHarness.PROVIDER_KEY.substring(0, 8))
        .doesNotContain(GatewayHarness.ANTHROPIC_KEY).doesNotContain(GatewayHarness.ANTHROPIC_KEY.substring(0, 10))
        .doesNotContain(SLACK_SECRET).doesNotContain("webhook-secret-1").doesNotContain("pd-routing-key-1");
  }
}
