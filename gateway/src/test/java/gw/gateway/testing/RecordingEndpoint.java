package gw.gateway.testing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint for tests of outbound senders (OTLP export, incident webhooks): keeps every
 * accepted request and answers with the given statuses first, then 200 (with an empty OTLP response).
 */
public final class RecordingEndpoint implements AutoCloseable {
  public record Received(String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final Object answered = new Object();
  private int answeredCount;
  private final int[] statuses;

  /** {@code statuses}: what the first calls are answered with (e.g. 503, 503); later calls get 200. */
  public RecordingEndpoint(String path, int... statuses) throws IOException {
    this.statuses = statuses;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(path, exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int call = calls.getAndIncrement();
      int status = call < statuses.length ? statuses[call] : 200;
      if (status == 200) {
        received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
      } else {
        exchange.getResponseHeaders().add("Retry-After", "0");
      }
      byte[] answer = status == 200 ? ExportTraceServiceResponse.getDefaultInstance().toByteArray() : new byte[0];
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
      synchronized (answered) {
        answeredCount++;
        answered.notifyAll();
      }
    });
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int calls() {
    return calls.get();
  }

  /** Waits until at least {@code n} requests have been answered (up to 30 s). */
  public void awaitCalls(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    synchronized (answered) {
      while (answeredCount < n) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError(n + " requests did not arrive within 30 s");
        }
        answered.wait(left);
      }
    }
  }

  /** The next accepted export request, waiting up to 30 s. */
  public Received next() throws InterruptedException {
    Received r = received.poll(30, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request arrived within 30 s");
    }
    return r;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
