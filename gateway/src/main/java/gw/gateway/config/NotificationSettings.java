package gw.gateway.config;

import gw.gateway.config.GatewayConfig.IncidentNotifications;
import gw.gateway.config.GatewayConfig.IncidentWebhook;
import gw.gateway.config.GatewayConfig.WebhookFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gateway.json}'s {@code incident_notifications} and {@code GW_INCIDENT_WEBHOOK_URL} (one more
 * webhook, generic format) as {@link IncidentNotifications}. URLs and routing keys may be secrets:
 * they can come from variables ({@code url_env}, {@code routing_key_env}) and no message prints them.
 */
final class NotificationSettings {
  private NotificationSettings() {}

  static IncidentNotifications load(GatewayFile.IncidentNotifications file, Map<String, String> env,
      ConfigFields f) {
    List<IncidentWebhook> webhooks = new ArrayList<>();
    List<GatewayFile.Webhook> entries = file.webhooks() == null ? List.of() : file.webhooks();
    for (int i = 0; i < entries.size(); i++) {
      String at = "incident_notifications.webhooks[" + i + "]";
      GatewayFile.Webhook w = entries.get(i);
      if (w == null) {
        throw f.error(at, "is null", "write {\"url\": \"https://...\", \"format\": \"generic\"} or remove it");
      }
      String url = w.url() != null ? w.url() : w.urlEnv() == null ? null : env.get(w.urlEnv());
      if (url == null || url.isBlank()) {
        throw f.error(at, w.urlEnv() == null ? "has no url" : "names url_env " + w.urlEnv() + ", which is not set",
            "give \"url\", or \"url_env\" naming a variable that holds it");
      }
      WebhookFormat format = format(f, at + ".format", w.format());
      String routingKey = w.routingKeyEnv() == null ? null : env.get(w.routingKeyEnv());
      if (format == WebhookFormat.PAGERDUTY && (routingKey == null || routingKey.isBlank())) {
        throw f.error(at + ".routing_key_env", w.routingKeyEnv() == null ? "is missing" : "names "
            + w.routingKeyEnv() + ", which is not set", "name the variable holding the PagerDuty integration key");
      }
      webhooks.add(new IncidentWebhook(url(f, at, url), format, w.headers() == null ? Map.of() : Map.copyOf(w.headers()),
          routingKey));
    }
    String fromEnv = env.get("GW_INCIDENT_WEBHOOK_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      webhooks.add(new IncidentWebhook(url(f, "GW_INCIDENT_WEBHOOK_URL", fromEnv), WebhookFormat.GENERIC, Map.of(),
          null));
    }
    IncidentNotifications d = IncidentNotifications.NONE;
    return new IncidentNotifications(webhooks, file.adminUrl(),
        f.positive("incident_notifications.max_attempts", file.maxAttempts() == null ? d.maxAttempts()
            : file.maxAttempts()),
        f.positive("incident_notifications.initial_backoff_ms", file.initialBackoffMs() == null
            ? d.initialBackoffMs() : file.initialBackoffMs()));
  }

  private static WebhookFormat format(ConfigFields f, String at, String value) {
    String v = value == null ? "generic" : value.trim().toLowerCase(Locale.ROOT);
    f.oneOf(at, v, List.of("generic", "slack", "pagerduty"));
    return WebhookFormat.valueOf(v.toUpperCase(Locale.ROOT));
  }

  /** Checked without ever echoing the value: a webhook URL often is the credential. */
  private static URI url(ConfigFields f, String at, String value) {
    URI uri = ConfigFields.httpUrl(value);
    if (uri == null) {
      throw f.error(at, "is not an http(s) URL", "write e.g. https://hooks.example.com/incidents");
    }
    return uri;
  }
}
