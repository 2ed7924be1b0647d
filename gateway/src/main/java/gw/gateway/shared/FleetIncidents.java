package gw.gateway.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gw.gateway.incident.IncidentPeers;
import gw.gateway.incident.Triage;
import gw.traces.json.Json;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incident per fault across instances: a Redis lease names the leader, renewed by each of its
 * ticks; every instance leaves what its tick saw, and the leader reads the others'. The lease
 * outlives three ticks, so a dead leader is replaced within that. While Redis is unreachable each
 * instance leads alone (the fleet may then open one incident per instance; degraded mode).
 */
public final class FleetIncidents implements IncidentPeers {
  static final String LEADER = "gw:incidents:leader";
  static final String SIGHTINGS = "gw:incidents:sightings";
  private static final Logger LOG = LoggerFactory.getLogger(FleetIncidents.class);
  private static final ObjectMapper JSON = Json.SNAKE_CASE;
  private static final LuaScript TICK = LuaScript.load("incident_tick");

  /** What goes to Redis: a sighting and when it was made. */
  private record Stamped(String instance, boolean traffic, List<Triage.Finding> findings, long atMs) {}

  private final RedisLink redis;
  private final String instance;
  private final long leaseMs;
  private final Clock clock;
  private volatile String leader;
  private volatile List<Sighting> others = List.of();

  public FleetIncidents(RedisLink redis, String instance, long evaluateEveryMs, Clock clock) {
    this.redis = redis;
    this.instance = instance;
    this.leaseMs = Math.max(3 * evaluateEveryMs, 3_000);
    this.clock = clock;
  }

  @Override
  public String self() {
    return instance;
  }

  @Override
  public boolean leads() {
    return !redis.isUp() || instance.equals(leader);
  }

  @Override
  public String leader() {
    return redis.isUp() ? leader : instance;
  }

  /** Also renews (or takes) the lease; the answer is used by the next tick. */
  @Override
  public void share(boolean traffic, Collection<Triage.Finding> findings) {
    if (!redis.isUp()) {
      return;
    }
    String sighting;
    try {
      sighting = JSON.writeValueAsString(new Stamped(instance, traffic, List.copyOf(findings), clock.millis()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a sighting cannot be written as JSON", e);
    }
    redis.run(TICK, List.of(LEADER, SIGHTINGS), List.of(instance, Long.toString(leaseMs), sighting,
        Long.toString(clock.millis()), Long.toString(leaseMs))).onSuccess(this::heard);
  }

  private void heard(Response r) {
    String now = r.get(0).toString();
    if (!now.equals(leader)) {
      LOG.atInfo().setMessage("incident leader").addKeyValue("leader", now).addKeyValue("instance", instance).log();
    }
    leader = now;
    List<Sighting> heard = new ArrayList<>();
    for (int i = 1; i < r.size(); i++) {
      try {
        Stamped s = JSON.readValue(r.get(i).toString(), Stamped.class);
        heard.add(new Sighting(s.instance(), s.traffic(), s.findings()));
      } catch (JsonProcessingException e) {
        LOG.warn("ignoring an unreadable incident sighting in Redis: {}", e.getOriginalMessage());
      }
    }
    others = List.copyOf(heard);
  }

  @Override
  public List<Sighting> others() {
    return redis.isUp() ? others : List.of();
  }
}
