package gw.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.detect.HealthMetrics;
import gw.gateway.incident.IncidentEngine;
import gw.gateway.metrics.GatewayMetrics;
import gw.gateway.policy.breaker.Breakers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code GET /admin/live}: what the console shows, pushed as a server-sent event every
 * {@value #EVERY_MS} ms while the page is open: the five north-star metrics with their colours (the
 * caller's tenant's for a scoped token), the golden signals over the last minute (throughput, errors
 * by type, latency p50/p95/p99 from the request-duration histogram, in flight; gateway-wide, so only
 * for unscoped tokens), the breakers and the open incidents. One sampler for every open page, on the
 * admin event loop.
 */
final class LiveFeed {
  static final long EVERY_MS = 2_000;
  static final long GOLDEN_WINDOW_MS = 60_000;

  private record Sample(long atMs, GatewayMetrics.Golden golden) {}

  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private final HealthMetrics health;
  private final Breakers breakers;
  private final IncidentEngine incidents;
  private final LongSupplier clockMs;
  private final ConsoleSessions sessions;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  LiveFeed(Vertx vertx, GatewayMetrics metrics, HealthMetrics health, Breakers breakers, IncidentEngine incidents,
      LongSupplier clockMs, ConsoleSessions sessions) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.metrics = metrics;
    this.health = health;
    this.breakers = breakers;
    this.incidents = incidents;
    this.clockMs = clockMs;
  }

  /** Starts sampling; the timer ends with the admin verticle. */
  void start() {
    sample();
    vertx.setPeriodic(EVERY_MS, id -> sample());
  }

  private void sample() {
    long now = clockMs.getAsLong();
    samples.addLast(new Sample(now, metrics.golden()));
    while (samples.size() > 2 && now - samples.peekFirst().atMs() > GOLDEN_WINDOW_MS) {
      samples.removeFirst();
    }
  }

  /** The stream; with {@code ?once=true}, one snapshot as JSON (for scripts and checks). */
  void stream(RoutingContext ctx) {
    AdminToken caller = AdminAuth.caller(ctx);
    HttpServerResponse response = ctx.response();
    if ("true".equals(ctx.queryParams().get("once"))) {
      AdminResponses.json(ctx, 200, Buffer.buffer(snapshot(caller).toString()));
      return;
    }
    response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
    String session = ctx.get(AdminAuth.SESSION);
    send(response, caller);
    long timer = vertx.setPeriodic(EVERY_MS, id -> {
      if (session != null && sessions.find(session) == null) {
        vertx.cancelTimer(id); // signed out or over its 12 hours: the page's stream ends with its session
        response.end();
        return;
      }
      send(response, caller);
    });
    response.closeHandler(v -> vertx.cancelTimer(timer));
  }

  private void send(HttpServerResponse response, AdminToken caller) {
    if (response.closed() || response.ended() || response.writeQueueFull()) {
      return; // a page that does not read is skipped, not queued for
    }
    response.write(Buffer.buffer("event: snapshot\ndata: ").appendString(snapshot(caller).toString()).appendString("\n\n"));
  }

  ObjectNode snapshot(AdminToken caller) {
    ObjectNode out = AdminResponses.SNAKE_JSON.createObjectNode().put("time", Instant.ofEpochMilli(clockMs.getAsLong()).toString());
    out.set("health", AdminResponses.SNAKE_JSON.valueToTree(health.report(health.thresholds().windowSeconds(), caller.tenant())));
    if (caller.tenant() == null) {
      out.set("golden", golden());
    } else {
      out.putNull("golden");
    }
    ArrayNode bs = out.putArray("breakers");
    for (var v : breakers.views()) {
      try {
        bs.add(AdminResponses.SNAKE_JSON.readTree(BreakersApi.json(v).encode()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("a breaker's view is always JSON", e);
      }
    }
    out.set("incidents", AdminResponses.SNAKE_JSON.valueToTree(incidents.list("open", null, 50).stream()
        .map(v -> ScopedIncidents.view(v, caller.tenant())).toList()));
    return out;
  }

  /** The last minute's golden signals: the counters now against the oldest sample kept. */
  private ObjectNode golden() {
    ObjectNode g = AdminResponses.SNAKE_JSON.createObjectNode();
    Sample last = new Sample(clockMs.getAsLong(), metrics.golden());
    Sample first = samples.peekFirst();
    double seconds = Math.max(1, (last.atMs() - first.atMs()) / 1000.0);
    g.put("window_seconds", Math.round(seconds));
    double total = 0;
    ObjectNode errors = g.putObject("errors");
    for (Map.Entry<String, Double> e : last.golden().requestsByErrorType().entrySet()) {
      double delta = e.getValue() - first.golden().requestsByErrorType().getOrDefault(e.getKey(), 0.0);
      total += delta;
      if (!e.getKey().equals("none") && delta > 0) {
        errors.put(e.getKey(), (long) delta);
      }
    }
    g.put("requests", (long) total);
    g.put("throughput_rps", Math.round(total / seconds * 10) / 10.0);
    ObjectNode latency = g.putObject("latency_ms");
    double[] bounds = last.golden().boundsMs();
    double[] counts = new double[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      counts[i] = last.golden().cumulative()[i] - (i < first.golden().cumulative().length ? first.golden().cumulative()[i] : 0);
    }
    for (double q : new double[] {0.5, 0.95, 0.99}) {
      Double v = quantile(bounds, counts, q);
      latency.put("p" + Math.round(q * 100), v == null ? null : Math.round(v * 10) / 10.0);
    }
    g.put("in_flight", (long) last.golden().inFlight());
    return g;
  }

  /** A quantile from cumulative bucket counts, interpolated within its bucket; null with no requests. */
  static Double quantile(double[] boundsMs, double[] cumulative, double q) {
    if (cumulative.length == 0 || cumulative[cumulative.length - 1] <= 0) {
      return null;
    }
    double rank = q * cumulative[cumulative.length - 1];
    double lowerBound = 0;
    double below = 0;
    for (int i = 0; i < boundsMs.length; i++) {
      if (cumulative[i] >= rank) {
        double inBucket = cumulative[i] - below;
        return inBucket <= 0 ? boundsMs[i] : lowerBound + (boundsMs[i] - lowerBound) * (rank - below) / inBucket;
      }
      lowerBound = boundsMs[i];
      below = cumulative[i];
    }
    return boundsMs[boundsMs.length - 1];
  }
}
