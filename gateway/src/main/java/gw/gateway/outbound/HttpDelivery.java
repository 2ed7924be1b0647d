package gw.gateway.outbound;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends one request to an endpoint that may be briefly unavailable, for a sender thread of its own
 * (it blocks that thread, never an event loop): 429, 502, 503, 504 and network errors are retried
 * with exponential backoff from {@code initialBackoffMs} (doubling, a fifth of jitter, at most 30 s,
 * {@code Retry-After} seconds honoured) up to {@code maxAttempts}; any other answer is final.
 */
public final class HttpDelivery {
  private static final long MAX_BACKOFF_MS = 30_000;

  private final HttpClient http;
  private final int maxAttempts;
  private final long initialBackoffMs;

  public HttpDelivery(Duration connectTimeout, int maxAttempts, long initialBackoffMs) {
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.maxAttempts = maxAttempts;
    this.initialBackoffMs = initialBackoffMs;
  }

  /**
   * What became of a delivery: the final answer's body when accepted (2xx); else the last problem.
   * {@code failedAttempts} counts every attempt that did not get a 2xx.
   */
  public record Result(boolean accepted, byte[] body, String problem, int failedAttempts) {}

  /**
   * Sends what {@code request} builds (a new request per attempt), retrying as above;
   * {@code giveUp} is asked before each retry (e.g. the sender is shutting down).
   */
  public Result send(Supplier<HttpRequest> request, Supplier<Boolean> giveUp, AttemptListener onFailure)
      throws InterruptedException {
    long backoff = initialBackoffMs;
    int failed = 0;
    for (int attempt = 1; ; attempt++) {
      Answer answer = attempt(request.get());
      if (answer.status >= 200 && answer.status < 300) {
        return new Result(true, answer.body, null, failed);
      }
      failed++;
      boolean last = !answer.retryable() || attempt >= maxAttempts || giveUp.get();
      onFailure.failed(answer.problem + " (attempt " + attempt + " of " + maxAttempts + ")", last);
      if (last) {
        return new Result(false, null, answer.problem, failed);
      }
      long jitter = ThreadLocalRandom.current().nextLong(backoff / 5 + 1);
      Thread.sleep(Math.max(backoff + jitter, answer.retryAfterMs));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /** Told of each failed attempt: what went wrong, and whether it was the last try. */
  @FunctionalInterface
  public interface AttemptListener {
    void failed(String problem, boolean lastAttempt);
  }

  private Answer attempt(HttpRequest request) throws InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return new Answer(0, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          0);
    }
    int status = response.statusCode();
    return new Answer(status, response.body(), "HTTP " + status, retryAfterMs(response));
  }

  private static long retryAfterMs(HttpResponse<?> response) {
    try {
      return response.headers().firstValue("Retry-After").map(v -> Long.parseLong(v.trim()) * 1000).orElse(0L);
    } catch (NumberFormatException e) {
      return 0; // an HTTP date: the backoff decides
    }
  }

  private record Answer(int status, byte[] body, String problem, long retryAfterMs) {
    boolean retryable() {
      return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
    }
  }
}
