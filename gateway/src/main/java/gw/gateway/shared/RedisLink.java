package gw.gateway.shared;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's connection to the shared Redis: commands and scripts with a deadline, and the
 * {@link Dependency} that says whether Redis answers. A failed or late command marks it down; a
 * PING every second notices its return. Callers check {@link #isUp()} first and use their local
 * state while it is down, so a dead Redis costs a request nothing.
 */
public final class RedisLink implements AutoCloseable {
  private static final long PING_EVERY_MS = 1_000;

  private final Vertx vertx;
  private final Redis client;
  private final String address;
  private final long timeoutMs;
  private final Dependency dependency;
  private final long pingTimer;

  private RedisLink(Vertx vertx, String url, long timeoutMs, Clock clock) {
    this.vertx = vertx;
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
        .setMaxPoolWaiting(1024).setMaxWaitingHandlers(4096));
    this.address = displayAddress(url);
    this.timeoutMs = timeoutMs;
    this.dependency = new Dependency("redis", clock);
    this.pingTimer = vertx.setPeriodic(PING_EVERY_MS, id -> ping());
  }

  /**
   * Connects lazily: a Redis that is down at start-up makes the gateway start degraded, not fail.
   * {@code timeoutMs} bounds each command on the request path.
   */
  public static RedisLink open(Vertx vertx, String url, long timeoutMs, Clock clock) {
    validate(url);
    return new RedisLink(vertx, url, timeoutMs, clock);
  }

  /** Fails on a URL that is not redis:// or rediss:// with a host, naming the fix (never the password). */
  public static void validate(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the Redis URL is not a valid URI; write redis://[:password@]host:port[/db]");
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("the Redis URL must look like redis://[:password@]host:port[/db], not "
          + displayAddress(url));
    }
  }

  /** The URL without its credentials, for logs and health. */
  public static String displayAddress(String url) {
    try {
      URI u = URI.create(url);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
          + (u.getPath() == null ? "" : u.getPath());
    } catch (IllegalArgumentException e) {
      return "(unparsable URL)";
    }
  }

  public String address() {
    return address;
  }

  public Dependency dependency() {
    return dependency;
  }

  public boolean isUp() {
    return dependency.isUp();
  }

  /** Runs a script by its SHA-1, loading it on Redis's first NOSCRIPT answer. */
  public Future<Response> run(LuaScript script, List<String> keys, List<String> args) {
    return send(eval(Command.EVALSHA, script.sha1(), keys, args)).recover(e -> e.getMessage() != null
        && e.getMessage().startsWith("NOSCRIPT") ? send(eval(Command.EVAL, script.source(), keys, args))
        : Future.failedFuture(e));
  }

  private static Request eval(Command command, String script, List<String> keys, List<String> args) {
    Request r = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(r::arg);
    args.forEach(r::arg);
    return r;
  }

  /** One command, failed after the deadline; a failure other than NOSCRIPT marks Redis down. */
  public Future<Response> send(Request request) {
    return client.send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(ar -> {
          if (ar.succeeded()) {
            dependency.succeeded();
          } else if (ar.cause().getMessage() == null || !ar.cause().getMessage().startsWith("NOSCRIPT")) {
            dependency.failed(ar.cause());
          }
        });
  }

  public Future<List<Response>> batch(List<Request> requests) {
    return client.batch(requests).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(ar -> {
          if (ar.succeeded()) {
            dependency.succeeded();
          } else {
            dependency.failed(ar.cause());
          }
        });
  }

  /** A connection of its own, e.g. for a subscription. */
  public Future<RedisConnection> connect() {
    return client.connect();
  }

  private void ping() {
    send(Request.cmd(Command.PING));
  }

  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    vertx.cancelTimer(pingTimer);
    client.close();
  }
}
