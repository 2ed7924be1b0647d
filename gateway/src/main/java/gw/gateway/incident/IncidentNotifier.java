package gw.gateway.incident;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.GatewayConfig;
import gw.gateway.config.GatewayConfig.IncidentWebhook;
import gw.gateway.outbound.HttpDelivery;
import gw.gateway.outbound.OutageLog;
import gw.traces.concurrent.LingeringQueue;
import gw.traces.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Tells people about incidents: on open, a severity change, mitigation and resolve, POSTs to every
 * configured webhook, in a generic JSON form or shaped for Slack or PagerDuty Events v2. The engine
 * only queues (bounded, never blocking its tick); one {@code gw-incident-notify} thread delivers with
 * retries and backoff ({@link HttpDelivery}). Undelivered notifications are counted, and logged without
 * the webhook's URL path (Slack puts its secret there) or headers.
 */
public final class IncidentNotifier implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IncidentNotifier.class.getName());
  private static final int QUEUE = 256;

  /** What happened to the incident. */
  public enum Event { OPENED, SEVERITY_CHANGED, MITIGATED, RESOLVED }

  private record Note(Event event, IncidentView incident) {}

  private final List<IncidentWebhook> webhooks;
  private final Supplier<String> adminUrl;
  private final LingeringQueue<Note> queue = new LingeringQueue<>(QUEUE, Duration.ofMillis(50));
  private final HttpDelivery delivery;
  private final List<OutageLog> outages = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  /** {@code adminUrl}: the admin API's base as people reach it, for the links (known once it listens). */
  public IncidentNotifier(GatewayConfig.IncidentNotifications settings, Supplier<String> adminUrl) {
    this.webhooks = settings.webhooks();
    this.adminUrl = adminUrl;
    this.delivery = new HttpDelivery(Duration.ofSeconds(10), settings.maxAttempts(), settings.initialBackoffMs());
    for (IncidentWebhook w : webhooks) {
      outages.add(new OutageLog(LOG, "incident notification to " + w.describe()));
    }
    this.thread = new Thread(this::run, "gw-incident-notify");
    thread.setDaemon(true);
    thread.start();
  }

  /** Called by the engine; never blocks. A full queue counts the notification as failed. */
  public void notify(Event event, IncidentView incident) {
    if (closing || !queue.offer(new Note(event, incident))) {
      failed.addAndGet(webhooks.size());
    }
  }

  /** Notifications a webhook accepted (one per webhook). */
  public long sent() {
    return sent.get();
  }

  /** Notifications not delivered: queue full, or every attempt failed or was refused. */
  public long failed() {
    return failed.get();
  }

  private void run() {
    List<Note> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        if (queue.take(batch, QUEUE, Duration.ofMinutes(1)) > 0) {
          for (Note note : batch) {
            for (int i = 0; i < webhooks.size(); i++) {
              deliver(webhooks.get(i), outages.get(i), note);
            }
          }
          batch.clear();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void deliver(IncidentWebhook webhook, OutageLog outage, Note note) throws InterruptedException {
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(body(webhook, note));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpDelivery.Result result = delivery.send(() -> {
      HttpRequest.Builder r = HttpRequest.newBuilder(webhook.url()).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
      webhook.headers().forEach(r::header);
      return r.build();
    }, () -> closing, (problem, last) -> outage.failed(problem + (last ? "; notification dropped" : "; retrying")));
    if (result.accepted()) {
      sent.incrementAndGet();
      outage.succeeded();
    } else {
      failed.incrementAndGet();
    }
  }

  private ObjectNode body(IncidentWebhook webhook, Note note) {
    return switch (webhook.format()) {
      case GENERIC -> generic(note);
      case SLACK -> slack(note);
      case PAGERDUTY -> pagerDuty(webhook, note);
    };
  }

  private String link(IncidentView i, String suffix) {
    return adminUrl.get() + "/admin/incidents/" + i.id() + suffix;
  }

  private ObjectNode generic(Note note) {
    IncidentView i = note.incident();
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("event", wire(note.event()));
    out.putObject("incident").put("id", i.id()).put("class", i.incidentClass()).put("severity", i.severity())
        .put("status", i.status()).put("title", i.title()).put("reason", i.reason()).put("opened_at", i.openedAt())
        .put("mitigated_at", i.mitigatedAt()).put("mitigation", i.mitigation()).put("resolved_at", i.resolvedAt())
        .put("resolution", i.resolution());
    out.putObject("links").put("incident", link(i, "")).put("postmortem", link(i, "/postmortem"));
    return out;
  }

  private ObjectNode slack(Note note) {
    IncidentView i = note.incident();
    String icon = note.event() == Event.RESOLVED ? ":white_check_mark:" : ":rotating_light:";
    String text = icon + " *" + i.severity() + " " + i.incidentClass() + "* " + wire(note.event()).replace('_', ' ')
        + ": " + i.title() + "\n" + (note.event() == Event.MITIGATED ? "Mitigation: " + i.mitigation() + "\n" : "")
        + (note.event() == Event.RESOLVED ? "Resolution: " + i.resolution() + "\n" : "")
        + "<" + link(i, "") + "|incident " + i.id() + "> · <" + link(i, "/postmortem") + "|postmortem draft>";
    return JsonNodeFactory.instance.objectNode().put("text", text);
  }

  /** Events API v2: one alert per incident (its id as dedup key), resolved when the incident is. */
  private ObjectNode pagerDuty(IncidentWebhook webhook, Note note) {
    IncidentView i = note.incident();
    ObjectNode out = JsonNodeFactory.instance.objectNode()
        .put("routing_key", webhook.routingKey())
        .put("event_action", note.event() == Event.RESOLVED ? "resolve" : "trigger")
        .put("dedup_key", "llm-gateway-" + i.id());
    if (note.event() != Event.RESOLVED) {
      out.putObject("payload").put("summary", i.severity() + " " + i.incidentClass() + ": " + i.title())
          .put("source", "llm-gateway").put("severity", pagerDutySeverity(i.severity()))
          .put("class", i.incidentClass()).putObject("custom_details").put("event", wire(note.event()))
          .put("reason", i.reason()).put("mitigation", i.mitigation());
      ArrayNode links = out.putArray("links");
      links.addObject().put("href", link(i, "")).put("text", "incident " + i.id());
      links.addObject().put("href", link(i, "/postmortem")).put("text", "postmortem draft");
    }
    return out;
  }

  private static String pagerDutySeverity(String severity) {
    return switch (severity) {
      case "SEV-1" -> "critical";
      case "SEV-2" -> "error";
      case "SEV-3" -> "warning";
      default -> "info";
    };
  }

  /** The event as it is written on the wire and in logs: opened, severity_changed, mitigated, resolved. */
  public static String wire(Event e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** Delivers what is queued (with its retries), then stops. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    queue.wake();
    thread.join(30_000);
    if (thread.isAlive()) {
      thread.interrupt();
      thread.join();
    }
  }
}
