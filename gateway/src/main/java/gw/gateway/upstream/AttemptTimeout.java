package gw.gateway.upstream;

import gw.gateway.time.Timers;
import io.vertx.core.Future;
import java.util.concurrent.TimeoutException;

/**
 * Bounds one try until its answer's headers ({@code attempt_timeout_ms}): the try is reset, and the
 * retry decorator decides whether another one fits. A relayed stream is no longer a try's business.
 */
public final class AttemptTimeout implements Upstream {
  private final Upstream inner;
  private final long timeoutMs;
  private final Timers timers;

  public AttemptTimeout(Upstream inner, long timeoutMs, Timers timers) {
    this.inner = inner;
    this.timeoutMs = timeoutMs;
    this.timers = timers;
  }

  @Override
  public Future<UpstreamResponse> call(UpstreamRequest request) {
    Runnable cancel = timers.start(timeoutMs, () -> {
      if (!request.isEnded()) {
        request.reset(new TimeoutException("attempt timed out after " + timeoutMs + " ms"));
      }
    });
    return inner.call(request).andThen(done -> cancel.run());
  }
}
