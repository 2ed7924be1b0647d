package gw.gateway.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigLoader;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import gw.gateway.config.GatewayConfig;
import gw.gateway.config.GatewayConfig.IncidentNotifications;
import gw.gateway.config.GatewayConfig.IncidentWebhook;
import gw.gateway.config.GatewayConfig.WebhookFormat;
import gw.gateway.testing.RecordingEndpoint;
import gw.traces.json.Json;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Incident notifications against a recording endpoint: each format's body, retries, a dead endpoint. */
class IncidentNotifierTest {
  private static final String ADMIN = "https://gw-admin.example.com";

  private static IncidentView incident(String status, String mitigation, String resolution) {
    return new IncidentView("INC-2026-0007", "PERFORMANCE_DEGRADATION", "SEV-2", status, "Performance degradation",
        "p95 time to first token above 4000 ms", "2026-12-07T01:00:00Z", null, null,
        mitigation == null ? null : "2026-12-07T01:00:05Z", mitigation, null,
        resolution == null ? null : "2026-12-07T01:10:00Z", resolution == null ? null : "gateway", resolution,
        "p95 ttft breached red", List.of(), List.of(), 0, null, null, null, List.of(), List.of());
  }

  private static IncidentNotifier notifier(RecordingEndpoint endpoint, WebhookFormat format, String routingKey) {
    return new IncidentNotifier(new IncidentNotifications(List.of(new IncidentWebhook(
        URI.create(endpoint.base() + "/hook"), format, Map.of("x-team", "search"), routingKey)), null, 3, 10),
        () -> ADMIN);
  }

  private static JsonNode json(RecordingEndpoint.Received r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void theGenericFormCarriesTheIncidentAndItsLinks() throws Exception {
    try (RecordingEndpoint endpoint = new RecordingEndpoint("/hook")) {
      IncidentNotifier notifier = notifier(endpoint, WebhookFormat.GENERIC, null);
      notifier.notify(IncidentNotifier.Event.OPENED, incident("open", null, null));
      RecordingEndpoint.Received r = endpoint.next();
      notifier.close();

      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.header("x-team")).isEqualTo("search");
      JsonNode body = json(r);
      assertThat(body.path("event").asText()).isEqualTo("opened");
      assertThat(body.path("incident").path("id").asText()).isEqualTo("INC-2026-0007");
      assertThat(body.path("incident").path("class").asText()).isEqualTo("PERFORMANCE_DEGRADATION");
      assertThat(body.path("incident").path("severity").asText()).isEqualTo("SEV-2");
      assertThat(body.path("incident").path("status").asText()).isEqualTo("open");
      assertThat(body.path("links").path("incident").asText()).isEqualTo(ADMIN + "/admin/incidents/INC-2026-0007");
      assertThat(body.path("links").path("postmortem").asText())
          .isEqualTo(ADMIN + "/admin/incidents/INC-2026-0007/postmortem");
      assertThat(notifier.sent()).isEqualTo(1);
    }
  }

  @Test
  void slackGetsOneMessageWithTheMitigationAndLinks() throws Exception {
    try (RecordingEndpoint endpoint = new RecordingEndpoint("/hook")) {
      IncidentNotifier notifier = notifier(endpoint, WebhookFormat.SLACK, null);
      notifier.notify(IncidentNotifier.Event.MITIGATED, incident("open", "falling back to gpt-4o-mini", null));
      String text = json(endpoint.next()).path("text").asText();
      notifier.close();
      assertThat(text).contains("*SEV-2 PERFORMANCE_DEGRADATION* mitigated: Performance degradation")
          .contains("Mitigation: falling back to gpt-4o-mini")
          .contains("<" + ADMIN + "/admin/incidents/INC-2026-0007|incident INC-2026-0007>");
    }
  }

  @Test
  void pagerDutyTriggersAndResolvesOneAlertPerIncident() throws Exception {
    try (RecordingEndpoint endpoint = new RecordingEndpoint("/hook")) {
      IncidentNotifier notifier = notifier(endpoint, WebhookFormat.PAGERDUTY, "R0UT1NG");
      notifier.notify(IncidentNotifier.Event.OPENED, incident("open", null, null));
      notifier.notify(IncidentNotifier.Event.RESOLVED, incident("resolved", null, "signals clear for 60 s"));
      JsonNode trigger = json(endpoint.next());
      JsonNode resolve = json(endpoint.next());
      notifier.close();

      assertThat(trigger.path("routing_key").asText()).isEqualTo("R0UT1NG");
      assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
      assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("error");
      assertThat(trigger.path("payload").path("summary").asText())
          .isEqualTo("SEV-2 PERFORMANCE_DEGRADATION: Performance degradation");
      assertThat(trigger.path("links").get(0).path("href").asText()).isEqualTo(ADMIN + "/admin/incidents/INC-2026-0007");
      assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
      assertThat(resolve.path("dedup_key").asText()).isEqualTo(trigger.path("dedup_key").asText())
          .isEqualTo("llm-gateway-INC-2026-0007");
      assertThat(resolve.has("payload")).isFalse();
    }
  }

  @Test
  void anUnavailableWebhookIsRetriedAndADeadOneCountsAFailureWithoutBlocking() throws Exception {
    try (RecordingEndpoint endpoint = new RecordingEndpoint("/hook", 503, 502)) {
      IncidentNotifier notifier = notifier(endpoint, WebhookFormat.GENERIC, null);
      notifier.notify(IncidentNotifier.Event.OPENED, incident("open", null, null));
      endpoint.next();
      notifier.close();
      assertThat(endpoint.calls()).isEqualTo(3);
      assertThat(notifier.sent()).isEqualTo(1);
      assertThat(notifier.failed()).isZero();
    }
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    IncidentNotifier notifier = new IncidentNotifier(new IncidentNotifications(List.of(new IncidentWebhook(
        URI.create("http://127.0.0.1:" + dead + "/hook"), WebhookFormat.GENERIC, Map.of(), null)), null, 2, 10),
        () -> ADMIN);
    notifier.notify(IncidentNotifier.Event.OPENED, incident("open", null, null));
    notifier.close();
    assertThat(notifier.failed()).isEqualTo(1);
    assertThat(notifier.sent()).isZero();
  }

  @Test
  void webhooksComeFromGatewayJsonAndTheVariableAndSecretsNeverReachAMessage() {
    GatewayConfig config = new ConfigLoader(ConfigSource.bundled().withEdits("gateway.json", Map.of(
        "/incident_notifications", Map.of("admin_url", ADMIN, "webhooks", List.of(
            Map.of("url_env", "SLACK_URL", "format", "slack"),
            Map.of("url", "https://events.pagerduty.com/v2/enqueue", "format", "pagerduty",
                "routing_key_env", "PD_KEY"))))),
        Map.of("SLACK_URL", "https://hooks.slack.com/services/T0/B0/s3cr3t", "PD_KEY", "k3y",
            "GW_INCIDENT_WEBHOOK_URL", "http://127.0.0.1:9/incidents")).load();
    IncidentNotifications n = config.notifications();
    assertThat(n.adminUrl()).isEqualTo(ADMIN);
    assertThat(n.webhooks()).extracting(IncidentWebhook::format)
        .containsExactly(WebhookFormat.SLACK, WebhookFormat.PAGERDUTY, WebhookFormat.GENERIC);
    assertThat(n.webhooks().get(0).describe()).isEqualTo("https://hooks.slack.com").doesNotContain("s3cr3t");
    assertThat(n.webhooks().get(1).routingKey()).isEqualTo("k3y");

    assertThatThrownBy(() -> new ConfigLoader(ConfigSource.bundled().withEdits(
            "gateway.json", Map.of("/incident_notifications", Map.of("webhooks", List.of(
                Map.of("url", "https://events.pagerduty.com/v2/enqueue", "format", "pagerduty"))))), Map.of()).load())
        .isInstanceOf(ConfigException.class).hasMessageContaining("routing_key_env");
    assertThatThrownBy(() -> new ConfigLoader(ConfigSource.bundled(),
            Map.of("GW_INCIDENT_WEBHOOK_URL", "not a url s3cr3t")).load())
        .isInstanceOf(ConfigException.class).hasMessageNotContaining("s3cr3t");
  }
}
