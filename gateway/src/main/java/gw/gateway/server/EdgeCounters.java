package gw.gateway.server;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests and connections the edge turned away before a request reached the policy chain (so no
 * trace and no {@code gw_requests_total} sample records them), by reason: the
 * {@code gw_edge_rejected_total} counter. Shared by every event loop.
 */
final class EdgeCounters {
  enum Reason {
    /** A new connection sent no complete request headers in time: closed. */
    HEADER_TIMEOUT,
    /** A request's body did not arrive in time: 408. */
    BODY_TIMEOUT,
    /** More header fields than the gateway reads: 431. */
    HEADER_FIELDS,
    /** Both Content-Length and Transfer-Encoding: 400. */
    FRAMING,
    /** The gateway was already working on its maximum of requests: 503. */
    IN_FLIGHT;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);

  EdgeCounters() {
    for (Reason r : Reason.values()) {
      counts.put(r, new LongAdder());
    }
  }

  void rejected(Reason reason) {
    counts.get(reason).increment();
  }

  long count(Reason reason) {
    return counts.get(reason).sum();
  }
}
