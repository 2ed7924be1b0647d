package gw.gateway.testing;

import gw.gateway.shared.RedisLink;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Connections to a test's {@link RedisServer}, as separate gateway instances would hold them; closed together. */
public final class RedisLinks implements AutoCloseable {
  private final RedisServer server;
  private final Clock clock;
  private final Vertx vertx = Vertx.vertx();
  private final List<RedisLink> links = new ArrayList<>();

  public RedisLinks(RedisServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  /** A new connection, with a 1 s command deadline. */
  public RedisLink open() {
    RedisLink link = RedisLink.open(vertx, server.url(), 1_000, clock);
    links.add(link);
    return link;
  }

  @Override
  public void close() {
    links.forEach(RedisLink::close);
    vertx.close().await();
  }
}
