package gw.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;

/**
 * An upstream that costs nothing: every request gets the same small chat completion at once, its
 * body drained and never parsed, so what a proxy in front of it adds is the proxy's own cost.
 *
 * <pre>java -cp bench/target/gw-bench.jar gw.bench.TrivialUpstream --port 18091</pre>
 */
public final class TrivialUpstream extends VerticleBase {
  static final Buffer ANSWER = Buffer.buffer("{\"id\":\"chatcmpl-trivial\",\"object\":\"chat.completion\","
      + "\"created\":1700000000,\"model\":\"mock-fast\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"pong\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
      + "\"total_tokens\":10}}");
  private final int port;

  TrivialUpstream(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(req -> req.end().onComplete(drained -> req.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(ANSWER)))
        .listen();
  }

  public static void main(String[] args) {
    if (args.length != 2 || !args[0].equals("--port")) {
      System.err.println("usage: TrivialUpstream --port N");
      System.exit(2);
    }
    int port = Integer.parseInt(args[1]);
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new TrivialUpstream(port),
            new DeploymentOptions().setInstances(instances).setThreadingModel(ThreadingModel.EVENT_LOOP))
        .onSuccess(id -> System.out.printf("trivial upstream on 127.0.0.1:%d (%d instances)%n", port, instances))
        .onFailure(e -> {
          System.err.println("trivial upstream failed to start: " + e.getMessage());
          vertx.close();
          System.exit(1);
        });
  }
}
