package gw.gateway.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import gw.gateway.config.GatewayConfig;
import gw.gateway.config.GatewayConfig.OtlpProtocol;
import gw.traces.TraceRecord;
import gw.traces.concurrent.LingeringQueue;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final long LOG_EVERY_MS = 60_000;

  private final GatewayConfig.Otlp settings;
  private final GenAiSpans spans;
  private final LingeringQueue<TraceRecord> queue;
  private final HttpClient http;
  private final Thread thread;
  private final AtomicLong exportedSpans = new AtomicLong();
  private final AtomicLong droppedSpans = new AtomicLong();
  private final AtomicLong failedRequests = new AtomicLong();
  private volatile boolean closing;
  private long failingSince;
  private long lastLog;

  public OtlpExporter(GatewayConfig.Otlp settings, GenAiSpans spans) {
    this.settings = settings;
    this.spans = spans;
    this.queue = new LingeringQueue<>(settings.maxQueueSize(), Duration.ofMillis(settings.scheduleDelayMs()));
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.timeoutMs())).build();
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
    long backoff = settings.initialBackoffMs();
    for (int attempt = 1; ; attempt++) {
      Sent sent = post(body);
      if (sent.accepted()) {
        exportedSpans.addAndGet(count - sent.rejectedSpans());
        droppedSpans.addAndGet(sent.rejectedSpans());
        recovered();
        return;
      }
      failedRequests.incrementAndGet();
      boolean last = !sent.retryable() || attempt >= settings.maxAttempts() || closing;
      failed(sent.problem() + " (attempt " + attempt + " of " + settings.maxAttempts() + ")"
          + (last ? "; " + count + " spans dropped" : "; retrying"));
      if (last) {
        droppedSpans.addAndGet(count);
        return;
      }
      long jitter = ThreadLocalRandom.current().nextLong(backoff / 5 + 1);
      Thread.sleep(Math.max(backoff + jitter, sent.retryAfterMs()));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  private Sent post(byte[] body) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.tracesEndpoint())
        .timeout(Duration.ofMillis(settings.timeoutMs()))
        .header("Content-Type", settings.protocol().contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    settings.headers().forEach(request::header);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return Sent.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), 0);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Sent.ok(rejectedSpans(response.body()));
    }
    String problem = "HTTP " + status;
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      return Sent.retry(problem, retryAfterMs(response));
    }
    return Sent.refused(problem);
  }

  /** OTLP's partial success: spans the endpoint took the request for but did not keep. */
  private long rejectedSpans(byte[] body) {
    if (settings.protocol() != OtlpProtocol.HTTP_PROTOBUF || body.length == 0) {
      return 0;
    }
    try {
      return ExportTraceServiceResponse.parseFrom(body).getPartialSuccess().getRejectedSpans();
    } catch (InvalidProtocolBufferException e) {
      return 0; // a 2xx with a body that is not OTLP: count it as accepted
    }
  }

  private static long retryAfterMs(HttpResponse<?> response) {
    try {
      return response.headers().firstValue("Retry-After").map(v -> Long.parseLong(v.trim()) * 1000).orElse(0L);
    } catch (NumberFormatException e) {
      return 0; // an HTTP date: the backoff decides
    }
  }

  private void failed(String problem) {
    long now = System.currentTimeMillis();
    boolean starts = failingSince == 0;
    if (starts) {
      failingSince = now;
    }
    if (starts || now - lastLog >= LOG_EVERY_MS) {
      lastLog = now;
      LOG.log(System.Logger.Level.WARNING, "OTLP export to " + where() + " failed: " + problem);
    }
  }

  private void recovered() {
    if (failingSince != 0) {
      LOG.log(System.Logger.Level.INFO, "OTLP export to " + where() + " works again after "
          + (System.currentTimeMillis() - failingSince) / 1000 + " s");
      failingSince = 0;
    }
  }

  /** The endpoint without user info or query, which may carry credentials. */
  private String where() {
    URI u = settings.tracesEndpoint();
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

  private record Sent(boolean accepted, boolean retryable, String problem, long retryAfterMs, long rejectedSpans) {
    static Sent ok(long rejected) {
      return new Sent(true, false, null, 0, rejected);
    }

    static Sent retry(String problem, long retryAfterMs) {
      return new Sent(false, true, problem, retryAfterMs, 0);
    }

    static Sent refused(String problem) {
      return new Sent(false, false, problem, 0, 0);
    }
  }
}
