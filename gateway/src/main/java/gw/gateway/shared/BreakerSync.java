package gw.gateway.shared;

import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.policy.breaker.Breakers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breaker state every instance must agree on, through Redis: an operator's mode change (made on any
 * instance, kept in a hash and announced on a channel) and DATA_INCIDENT's tripped tenants. Each
 * instance applies what it hears at once, and on every (re)subscription reads the hashes, so a
 * missed message heals; when Redis comes back empty, each instance tells it what it holds (the
 * newest change wins). An automatic trip on one instance opens the same breaker on the others
 * (announced once, not kept); each then closes by its own half-open probes.
 */
public final class BreakerSync implements AutoCloseable {
  static final String MODES = "gw:breaker:modes";
  static final String LEAKS = "gw:breaker:leaks";
  static final String CHANNEL = "gw:breaker:events";
  private static final Logger LOG = LoggerFactory.getLogger(BreakerSync.class);
  private static final LuaScript MODE = LuaScript.load("breaker_mode");
  private static final LuaScript LEAK = LuaScript.load("breaker_leak");

  private final RedisLink redis;
  private final Breakers breakers;
  private final String instance;
  private RedisConnection subscription;

  public BreakerSync(RedisLink redis, Breakers breakers, String instance) {
    this.redis = redis;
    this.breakers = breakers;
    this.instance = instance;
  }

  /** Starts telling and hearing; completes once subscribed (or at once, degraded, when Redis is down). */
  public Future<Void> start() {
    breakers.onOperatorChange(this::tellMode);
    breakers.leakTrips().onTrip(this::tellLeak);
    breakers.onAutomaticTrip(this::tellTrip);
    redis.dependency().onReturn(() -> resubscribe().onSuccess(v -> tellAll()));
    return resubscribe().otherwise((Void) null);
  }

  private Future<Response> tellMode(IncidentClass c, Breaker.ModeChange m) {
    JsonObject message = new JsonObject().put("type", "mode").put("class", c.name()).put("mode", m.mode().wireName())
        .put("reason", m.reason()).put("actor", m.actor()).put("at_ms", m.at().toEpochMilli()).put("from", instance);
    boolean resetsLeaks = c == IncidentClass.DATA_INCIDENT && m.mode() != BreakerMode.FORCED_OPEN;
    return redis.run(MODE, List.of(MODES, LEAKS), List.of(c.name(), message.encode(),
        Long.toString(m.at().toEpochMilli()), CHANNEL, resetsLeaks ? "1" : "0"));
  }

  private Future<Response> tellLeak(String tenant, String why) {
    JsonObject message = new JsonObject().put("type", "leak").put("tenant", tenant).put("why", why)
        .put("from", instance);
    return redis.run(LEAK, List.of(LEAKS), List.of(tenant, why, CHANNEL, message.encode()));
  }

  /** A trip is news, not state: told once; each instance's breaker then recovers by its own probes. */
  private void tellTrip(IncidentClass c, String why) {
    JsonObject message = new JsonObject().put("type", "trip").put("class", c.name()).put("why", why)
        .put("from", instance);
    redis.send(Request.cmd(Command.PUBLISH).arg(CHANNEL).arg(message.encode()));
  }

  /** After an outage: what this instance holds, in case Redis lost it (older entries are ignored there). */
  private void tellAll() {
    for (Breaker.View v : breakers.views()) {
      if (v.lastModeChange().at() != null) {
        tellMode(v.incidentClass(), v.lastModeChange());
      }
    }
    breakers.leakTrips().tripped().forEach(this::tellLeak);
  }

  private synchronized Future<Void> resubscribe() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    return redis.connect().compose(conn -> {
      conn.handler(this::heard);
      conn.exceptionHandler(e -> redis.dependency().failed(e));
      conn.endHandler(v -> {
        boolean lost;
        synchronized (this) {
          lost = subscription == conn;
          if (lost) {
            subscription = null;
          }
        }
        if (lost) { // not closed by us: resubscribe once Redis answers again
          redis.dependency().failed(new IllegalStateException("the breaker subscription was closed"));
        }
      });
      synchronized (this) {
        subscription = conn;
      }
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL));
    }).compose(subscribed -> redis.send(Request.cmd(Command.HGETALL).arg(MODES)))
        .compose(modes -> {
          modes.getKeys().forEach(c -> applyMode(new JsonObject(modes.get(c).toString())));
          return redis.send(Request.cmd(Command.HGETALL).arg(LEAKS));
        })
        .map(leaks -> {
          leaks.getKeys().forEach(tenant -> breakers.leakTrips().tripFromPeer(tenant, leaks.get(tenant).toString()));
          return (Void) null;
        })
        .onFailure(e -> redis.dependency().failed(e));
  }

  private void heard(Response r) {
    if (r.type() != ResponseType.PUSH || r.size() < 3 || !"message".equals(r.get(0).toString())) {
      return;
    }
    JsonObject m;
    try {
      m = new JsonObject(r.get(2).toString());
    } catch (RuntimeException e) {
      LOG.warn("ignoring an unreadable breaker message on {}", CHANNEL);
      return;
    }
    if (instance.equals(m.getString("from"))) {
      return;
    }
    if ("mode".equals(m.getString("type"))) {
      applyMode(m);
    } else if ("leak".equals(m.getString("type"))) {
      breakers.leakTrips().tripFromPeer(m.getString("tenant"), m.getString("why"));
    } else if ("trip".equals(m.getString("type"))) {
      tripFromPeer(m);
    }
  }

  private void tripFromPeer(JsonObject m) {
    try {
      breakers.get(IncidentClass.parse(m.getString("class"))).trigger()
          .tripFromPeer("tripped on " + m.getString("from") + ": " + m.getString("why"));
    } catch (RuntimeException e) {
      LOG.warn("ignoring an unreadable breaker trip from Redis: {}", e.getMessage());
    }
  }

  /** Applies a change newer than this instance's own (a re-read or a late message changes nothing). */
  private void applyMode(JsonObject m) {
    IncidentClass c;
    Breaker.ModeChange change;
    try {
      c = IncidentClass.parse(m.getString("class"));
      change = new Breaker.ModeChange(BreakerMode.parse(m.getString("mode")), m.getString("reason"),
          m.getString("actor"), Instant.ofEpochMilli(m.getLong("at_ms")));
    } catch (RuntimeException e) {
      LOG.warn("ignoring an unreadable breaker mode from Redis: {}", e.getMessage());
      return;
    }
    Breaker breaker = breakers.get(c);
    Instant local = breaker.view().lastModeChange().at();
    if (local == null || change.at().isAfter(local)) {
      breaker.setMode(change);
      LOG.atInfo().setMessage("breaker mode set by another instance").addKeyValue("class", c.name())
          .addKeyValue("mode", change.mode().wireName()).addKeyValue("actor", change.actor())
          .addKeyValue("from", m.getString("from")).log();
    }
  }

  @Override
  public synchronized void close() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }
}
