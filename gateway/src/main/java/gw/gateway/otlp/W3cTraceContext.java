package gw.gateway.otlp;

/**
 * The W3C trace context the gateway's spans belong to. A valid client {@code traceparent} makes
 * the gateway's request span its child (same trace id, the client's span as parent); without one
 * the gateway's own trace id, a UUIDv7 whose 32 hex digits are a valid W3C trace id, starts the
 * trace. Either way the client gets back a {@code traceparent} naming the gateway's request span.
 */
public final class W3cTraceContext {
  public static final String HEADER = "traceparent";
  private static final String SAMPLED = "01";

  private W3cTraceContext() {}

  /** The trace id the gateway's spans carry, 32 lower-case hex digits. */
  public static String traceIdHex(String gatewayTraceId, String clientTraceparent) {
    return valid(clientTraceparent) ? clientTraceparent.substring(3, 35) : gatewayTraceId.replace("-", "");
  }

  /** The client's span, parent of the gateway's request span, or null when the gateway started the trace. */
  public static String parentSpanId(String clientTraceparent) {
    return valid(clientTraceparent) ? clientTraceparent.substring(36, 52) : null;
  }

  /** The header for the client: the same trace, the gateway's request span as the parent of what follows. */
  public static String traceparent(String gatewayTraceId, String clientTraceparent, String requestSpanId) {
    String flags = valid(clientTraceparent) ? clientTraceparent.substring(53, 55) : SAMPLED;
    return "00-" + traceIdHex(gatewayTraceId, clientTraceparent) + "-" + requestSpanId + "-" + flags;
  }

  /** Version 00's shape with a non-zero trace id and parent id (anything else starts a new trace). */
  public static boolean valid(String header) {
    if (header == null || header.length() != 55 || header.charAt(2) != '-' || header.charAt(35) != '-'
        || header.charAt(52) != '-' || header.startsWith("ff")) {
      return false;
    }
    for (int i = 0; i < 55; i++) {
      char c = header.charAt(i);
      if (i != 2 && i != 35 && i != 52 && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return !allZeros(header, 3, 35) && !allZeros(header, 36, 52);
  }

  private static boolean allZeros(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
