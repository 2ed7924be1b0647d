package gw.gateway.upstream;

import gw.gateway.chain.GatewayFailure;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Maps what went wrong talking to the provider to the status an OpenAI client expects. The messages
 * never name the provider's address: clients learn what happened, not the gateway's network.
 */
public final class UpstreamErrors {
  private UpstreamErrors() {}

  public static GatewayFailure classify(Throwable error, boolean timedOut, long timeoutMs) {
    if (timedOut || error instanceof TimeoutException) {
      return GatewayFailure.upstream(504, "upstream_timeout",
          "The provider did not answer within " + timeoutMs + " ms; retry later");
    }
    if (error instanceof ConnectionPoolTooBusyException) {
      return GatewayFailure.overloaded("upstream_queue_full",
          "Every connection to the provider is busy and the gateway's wait queue is full; retry in a second");
    }
    if (error instanceof ConnectException || hasCause(error, ConnectException.class)) {
      return GatewayFailure.upstream(502, "upstream_unreachable",
          "The gateway could not connect to the provider; retry later (operators: check the upstream is running)");
    }
    return GatewayFailure.upstream(502, "upstream_connection_closed",
        "The provider closed the connection before answering; retry the request");
  }

  /**
   * A stream that failed after its 200 went out: the provider went silent ({@code error} a timeout),
   * broke the connection, or ended without {@code [DONE]} ({@code error} null).
   */
  public static GatewayFailure streamBroken(Throwable error) {
    if (error instanceof TimeoutException) {
      return GatewayFailure.upstream(504, "upstream_stream_timeout",
          "The provider stopped sending mid-answer; the answer is incomplete, retry the request");
    }
    return GatewayFailure.upstream(502, "upstream_stream_truncated",
        "The provider's stream ended before the answer was complete; retry the request");
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
