package gw.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/**
 * The least a proxy can do, as a yardstick for the gateway's overhead: forwards method, path,
 * body and content-type to one upstream and returns status, content-type and body. No policies,
 * no traces, no streaming. One instance per core, all sharing the port, each with its own pool.
 *
 * <pre>java -cp bench/target/gw-bench.jar gw.bench.BareForwarder --port 18082 --upstream http://127.0.0.1:18090</pre>
 */
public final class BareForwarder extends VerticleBase {
  private final int port;
  private final String host;
  private final int upstreamPort;
  private final String basePath;
  private WebClient client;

  BareForwarder(int port, URI upstream) {
    this.port = port;
    this.host = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    this.basePath = upstream.getRawPath() == null ? "" : upstream.getRawPath().replaceAll("/+$", "");
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx,
        new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(false)
            .setUserAgentEnabled(false),
        new PoolOptions().setHttp1MaxSize(256)); // same as the gateway's upstream.max_connections
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(this::forward)
        .listen();
  }

  private void forward(HttpServerRequest req) {
    req.body()
        .compose(body -> {
          var out = client.request(req.method(), upstreamPort, host, basePath + req.uri());
          String contentType = req.getHeader(HttpHeaders.CONTENT_TYPE);
          if (contentType != null) {
            out.putHeader(HttpHeaders.CONTENT_TYPE.toString(), contentType);
          }
          return out.sendBuffer(body);
        })
        .onComplete(ar -> {
          HttpServerResponse res = req.response();
          if (ar.failed()) {
            res.setStatusCode(502).end("bare forwarder: " + ar.cause().getMessage());
            return;
          }
          HttpResponse<Buffer> up = ar.result();
          res.setStatusCode(up.statusCode());
          String contentType = up.getHeader(HttpHeaders.CONTENT_TYPE.toString());
          if (contentType != null) {
            res.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
          }
          Buffer body = up.body();
          res.end(body == null ? Buffer.buffer() : body);
        });
  }

  public static void main(String[] args) {
    int port = 18082;
    URI upstream = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--upstream" -> upstream = URI.create(args[i + 1]);
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
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BareForwarder(listenPort, target),
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
    System.err.println("usage: BareForwarder --port N --upstream http://127.0.0.1:M");
    System.exit(2);
  }
}
