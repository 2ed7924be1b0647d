package gw.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * The least a proxy can do, as a yardstick for the gateway's overhead: forwards method, path,
 * body and content-type to one upstream and returns status, content-type and body. An SSE answer
 * ({@code text/event-stream}) is relayed chunk by chunk as it arrives, with back-pressure, like the
 * gateway's; any other body is read whole, then sent. No policies, no traces. One instance per
 * core, all sharing the port, each with its own pool.
 *
 * <pre>java -cp bench/target/gw-bench.jar gw.bench.BareForwarder --port 18082 --upstream http://127.0.0.1:18090
 *     [--max-connections N]</pre>
 */
public final class BareForwarder extends VerticleBase {
  private final int port;
  private final String host;
  private final int upstreamPort;
  private final String basePath;
  private final int maxConnections;
  private HttpClient client;

  BareForwarder(int port, URI upstream, int maxConnections) {
    this.port = port;
    this.maxConnections = maxConnections;
    this.host = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    this.basePath = upstream.getRawPath() == null ? "" : upstream.getRawPath().replaceAll("/+$", "");
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(false),
        new PoolOptions().setHttp1MaxSize(maxConnections));
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(this::forward)
        .listen();
  }

  private void forward(HttpServerRequest req) {
    RequestOptions options = new RequestOptions().setMethod(req.method()).setHost(host).setPort(upstreamPort)
        .setURI(basePath + req.uri());
    String contentType = req.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    }
    req.body()
        .compose(body -> client.request(options).compose(out -> out.send(body)))
        .onComplete(ar -> {
          HttpServerResponse res = req.response();
          if (ar.failed()) {
            res.setStatusCode(502).end("bare forwarder: " + ar.cause().getMessage());
            return;
          }
          relay(ar.result(), res);
        });
  }

  private static void relay(HttpClientResponse up, HttpServerResponse res) {
    res.setStatusCode(up.statusCode());
    String contentType = up.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null) {
      res.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    }
    if (contentType != null && contentType.startsWith("text/event-stream")) {
      res.setChunked(true);
      up.pipeTo(res); // ends the client's response with the upstream's; resets it if the upstream breaks
      return;
    }
    up.body().onComplete(body -> {
      if (body.failed()) {
        res.reset();
      } else {
        res.end(body.result());
      }
    });
  }

  public static void main(String[] args) {
    int port = 18082;
    int maxConnections = 256; // the gateway's shipped upstream.max_connections
    URI upstream = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--upstream" -> upstream = URI.create(args[i + 1]);
        case "--max-connections" -> maxConnections = Integer.parseInt(args[i + 1]);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (args.length % 2 != 0 || upstream == null || upstream.getHost() == null || upstream.getPort() < 0
        || !"http".equals(upstream.getScheme())) {
      usage("--upstream http://HOST:PORT is required");
    }
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    int listenPort = port;
    URI target = upstream;
    int pool = maxConnections;
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BareForwarder(listenPort, target, pool),
            new DeploymentOptions().setInstances(instances).setThreadingModel(ThreadingModel.EVENT_LOOP))
        .onSuccess(id -> System.out.printf("bare forwarder on 127.0.0.1:%d -> %s (%d instances)%n",
            listenPort, target, instances))
        .onFailure(e -> {
          System.err.println("bare forwarder failed to start: " + e.getMessage());
          vertx.close();
          System.exit(1);
        });
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: BareForwarder --port N --upstream http://127.0.0.1:M [--max-connections N]");
    System.exit(2);
  }
}
