package gw.gateway.shared;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  /** Keyed by the caller's event-loop thread (this link for every other thread). */
  private final Map<Object, Future<RedisConnection>> connections = new ConcurrentHashMap<>();
  private final long timeoutMs;
  private final Dependency dependency;
  private final long pingTimer;

  private RedisLink(Vertx vertx, String url, long timeoutMs, Clock clock) {
    this.vertx = vertx;
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
        .setMaxPoolWaiting(1024).setMaxWaitingHandlers(4096));
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
    Object key = connectionKey();
    return onCallersContext(connection(key).compose(c -> c.send(request))).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(ar -> {
          if (ar.succeeded()) {
            dependency.succeeded();
          } else if (ar.cause().getMessage() == null || !ar.cause().getMessage().startsWith("NOSCRIPT")) {
            failed(key, ar.cause());
          }
        });
  }

  public Future<List<Response>> batch(List<Request> requests) {
    Object key = connectionKey();
    return connection(key).compose(c -> c.batch(requests)).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(ar -> {
          if (ar.succeeded()) {
            dependency.succeeded();
          } else {
            failed(key, ar.cause());
          }
        });
  }

  /** A late or failed command: Redis is marked down, and the connection replaced (it may be half-open). */
  private void failed(Object key, Throwable cause) {
    dependency.failed(cause);
    Future<RedisConnection> dropped = connections.remove(key);
    if (dropped != null) {
      dropped.onSuccess(RedisConnection::close);
    }
  }

  /**
   * Replies arrive on the event loop the Redis client chose for the connection; the request that asked
   * goes on on its own (its HTTP connection and upstream pool live there).
   */
  private static <T> Future<T> onCallersContext(Future<T> reply) {
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return reply;
    }
    Thread callerThread = Thread.currentThread();
    Promise<T> here = Promise.promise();
    reply.onComplete(ar -> {
      if (Thread.currentThread() == callerThread) {
        here.handle(ar);
      } else {
        caller.runOnContext(v -> here.handle(ar));
      }
    });
    return here.future();
  }

  /** By event-loop thread, not context: every HTTP request runs on a context of its own (a duplicate of its loop's). */
  private Object connectionKey() {
    return Context.isOnEventLoopThread() ? Thread.currentThread() : this;
  }

  /**
   * One connection per event loop (and one for every other thread), kept: commands are pipelined on it,
   * with no pool hand-off per command. A connection that fails, closes or lets a command time out is
   * dropped, so the next command opens a new one.
   */
  private Future<RedisConnection> connection(Object key) {
    Future<RedisConnection> kept = connections.get(key);
    if (kept != null) {
      return kept;
    }
    Future<RedisConnection> opening = client.connect().andThen(ar -> {
      if (ar.failed()) {
        connections.remove(key);
        return;
      }
      RedisConnection c = ar.result();
      c.exceptionHandler(e -> connections.remove(key));
      c.endHandler(v -> connections.remove(key));
    });
    Future<RedisConnection> raced = connections.putIfAbsent(key, opening);
    return raced != null ? raced : opening;
  }

  /** A connection of its own, e.g. for a subscription. */
  public Future<RedisConnection> connect() {
    return client.connect();
  }

  private void ping() {
    send(Request.cmd(Command.PING));
  }

  @Override
  public void close() {
    vertx.cancelTimer(pingTimer);
    connections.values().forEach(f -> f.onSuccess(RedisConnection::close));
    client.close();
  }
}
