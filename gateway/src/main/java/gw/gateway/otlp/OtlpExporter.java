package gw.gateway.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import gw.gateway.config.GatewayConfig;
import gw.gateway.config.GatewayConfig.OtlpProtocol;
import gw.gateway.outbound.HttpDelivery;
import gw.gateway.outbound.OutageLog;
import gw.traces.TraceRecord;
import gw.traces.concurrent.LingeringQueue;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends stored traces' spans to an OTLP/HTTP endpoint, off the request path: {@link #offer} only
 * queues (bounded; a full queue drops and counts). One {@code gw-otlp-export} thread sends a batch
 * every {@code schedule_delay_ms} while traces keep coming, retries 429/502/503/504 and network
 * errors with exponential backoff (honouring {@code Retry-After}) up to {@code max_attempts}, then
 * drops the batch and counts its spans. Failures are logged once when they start and at most once
 * a minute after; header values (credentials) are never logged.
 */
public final class OtlpExporter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(OtlpExporter.class.getName());
  /** The consumer is woken by an offer or by close; this only bounds a wait nobody ends. */
  private static final Duration IDLE_CHECK = Duration.ofMinutes(1);

  private final GatewayConfig.Otlp settings;
  private final GenAiSpans spans;
  private final LingeringQueue<TraceRecord> queue;
  private final HttpDelivery delivery;
  private final OutageLog outages;
  private final Thread thread;
  private final AtomicLong exportedSpans = new AtomicLong();
  private final AtomicLong droppedSpans = new AtomicLong();
  private final AtomicLong failedRequests = new AtomicLong();
  private volatile boolean closing;

  public OtlpExporter(GatewayConfig.Otlp settings, GenAiSpans spans) {
    this.settings = settings;
    this.spans = spans;
    this.queue = new LingeringQueue<>(settings.maxQueueSize(), Duration.ofMillis(settings.scheduleDelayMs()));
    this.delivery = new HttpDelivery(Duration.ofMillis(settings.timeoutMs()), settings.maxAttempts(),
        settings.initialBackoffMs());
    this.outages = new OutageLog(LOG, "OTLP export to " + where(settings.tracesEndpoint()));
    this.thread = new Thread(this::run, "gw-otlp-export");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a stored trace for export; never blocks. False (and its spans counted as dropped) when full. */
  public boolean offer(TraceRecord record) {
    if (closing || !queue.offer(record)) {
      droppedSpans.addAndGet(record.spans().size());
      return false;
    }
    return true;
  }

  /** Spans the endpoint accepted. */
  public long exportedSpans() {
    return exportedSpans.get();
  }

  /** Spans never delivered: queue full, or a batch that failed every attempt or was refused. */
  public long droppedSpans() {
    return droppedSpans.get();
  }

  /** Export requests that failed (each attempt counts once). */
  public long failedRequests() {
    return failedRequests.get();
  }

  private void run() {
    List<TraceRecord> batch = new ArrayList<>(settings.maxBatchSize());
    while (!closing || !queue.isEmpty()) {
      try {
        if (queue.take(batch, settings.maxBatchSize(), IDLE_CHECK) > 0) {
          export(batch);
          batch.clear();
        }
      } catch (InterruptedException e) {
        droppedSpans.addAndGet(GenAiSpans.spanCount(batch));
        return;
      }
    }
  }

  private void export(List<TraceRecord> batch) throws InterruptedException {
    int count = GenAiSpans.spanCount(batch);
    byte[] body;
    try {
      body = OtlpEncoding.encode(spans.request(batch), settings.protocol());
    } catch (RuntimeException e) {
      droppedSpans.addAndGet(count);
      LOG.log(System.Logger.Level.ERROR, "OTLP export: " + batch.size() + " traces could not be encoded", e);
      return;
    }
    HttpDelivery.Result result = delivery.send(() -> request(body), () -> closing,
        (problem, last) -> outages.failed(problem + (last ? "; " + count + " spans dropped" : "; retrying")));
    failedRequests.addAndGet(result.failedAttempts());
    if (!result.accepted()) {
      droppedSpans.addAndGet(count);
      return;
    }
    long rejected = rejectedSpans(result.body());
    exportedSpans.addAndGet(count - rejected);
    droppedSpans.addAndGet(rejected);
    outages.succeeded();
  }

  private HttpRequest request(byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.tracesEndpoint())
        .timeout(Duration.ofMillis(settings.timeoutMs()))
        .header("Content-Type", settings.protocol().contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    settings.headers().forEach(request::header);
    return request.build();
  }

  /** OTLP's partial success: spans the endpoint took the request for but did not keep. */
  private long rejectedSpans(byte[] body) {
    if (settings.protocol() != OtlpProtocol.HTTP_PROTOBUF || body == null || body.length == 0) {
      return 0;
    }
    try {
      return ExportTraceServiceResponse.parseFrom(body).getPartialSuccess().getRejectedSpans();
    } catch (InvalidProtocolBufferException e) {
      return 0; // a 2xx with a body that is not OTLP: count it as accepted
    }
  }

  /** The endpoint without user info or query, which may carry credentials. */
  private static String where(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort()) + u.getPath();
  }

  /** Sends what is queued (one pass, no waiting on a failing endpoint beyond its retries), then stops. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    queue.wake();
    thread.join(settings.timeoutMs() + 5_000L);
    if (thread.isAlive()) {
      thread.interrupt();
      thread.join();
    }
  }
}
