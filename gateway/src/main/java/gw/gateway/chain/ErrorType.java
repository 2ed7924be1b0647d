package gw.gateway.chain;

import java.util.Locale;

/**
 * What kind of failure a finished exchange was, from the gateway's or the provider's side, and whose
 * it is: the {@link Side#SERVICE service}'s (the provider or the gateway failed the caller), the
 * {@link Side#CLIENT client}'s (a bad key, an invalid request, a caller that left) or the gateway's own
 * {@link Side#LIMIT limits} (rate limits, budgets, the cost breaker's shedding). Only the service's
 * failures are failures in the north-star {@code failure_rate}: anyone who can reach the port can send
 * 401s. {@link #tag()} is the fixed vocabulary of the {@code error_type} metric label.
 */
public enum ErrorType {
  NONE(Side.NONE),
  LIMITED(Side.LIMIT),
  /** The COST_SPIKE breaker shed the request: the gateway's own choice, like a limit. */
  SHED("breaker", Side.LIMIT),
  /** The PERFORMANCE_DEGRADATION breaker failed fast because the upstream kept failing. */
  BREAKER_OPEN("breaker", Side.SERVICE),
  TIMEOUT(Side.SERVICE),
  UPSTREAM_UNAVAILABLE(Side.SERVICE),
  AUTH(Side.CLIENT),
  INVALID_REQUEST(Side.CLIENT),
  GATEWAY_ERROR(Side.SERVICE),
  CLIENT_DISCONNECTED(Side.CLIENT),
  STREAM_BROKEN(Side.SERVICE),
  /** The provider's own rate limit: for the app, the provider failed it. */
  UPSTREAM_429(Side.SERVICE),
  UPSTREAM_5XX(Side.SERVICE),
  /** 401/403/408 from the provider: the gateway's provider key or the provider's patience, not the caller. */
  UPSTREAM_REFUSED_GATEWAY("upstream_4xx", Side.SERVICE),
  UPSTREAM_4XX(Side.CLIENT),
  OTHER(Side.SERVICE);

  public enum Side { NONE, SERVICE, CLIENT, LIMIT }

  private final String tag;
  private final Side side;

  ErrorType(Side side) {
    this(null, side);
  }

  ErrorType(String tag, Side side) {
    this.tag = tag != null ? tag : name().toLowerCase(Locale.ROOT);
    this.side = side;
  }

  public String tag() {
    return tag;
  }

  public Side side() {
    return side;
  }

  /** {@code failed}: the client got no successful answer ({@link Metered#failed()}). */
  public static ErrorType of(Exchange ex, boolean failed) {
    if (ex.failure() != null) {
      return ofGatewayFailure(ex.failure());
    }
    if (ex.streamError() != null) {
      return "client_disconnected".equals(ex.streamError()) ? CLIENT_DISCONNECTED : STREAM_BROKEN;
    }
    return ofUpstreamStatus(ex.status(), failed);
  }

  /**
   * The same judgement from a stored trace: its {@code error} ({@code code: message} for the gateway's
   * failures, {@code upstream_http_<status>: ...} for the provider's, a bare code for a stream that broke
   * after its headers) and its HTTP status.
   */
  public static ErrorType ofTrace(String error, int httpStatus) {
    if (error == null) {
      return NONE;
    }
    int colon = error.indexOf(':');
    String code = colon < 0 ? error : error.substring(0, colon);
    if (code.equals("client_disconnected")) {
      return CLIENT_DISCONNECTED;
    }
    if (code.startsWith("upstream_http_")) {
      return ofUpstreamStatus(httpStatus, true);
    }
    if (httpStatus == 200) {
      return STREAM_BROKEN; // the client already had a 200 and part of the answer
    }
    return ofCode(code, httpStatus);
  }

  /** A response from the provider, by its status. */
  private static ErrorType ofUpstreamStatus(int status, boolean failed) {
    if (status == 429) {
      return UPSTREAM_429;
    }
    if (status >= 500) {
      return UPSTREAM_5XX;
    }
    if (status == 401 || status == 403 || status == 408) {
      return UPSTREAM_REFUSED_GATEWAY;
    }
    if (status >= 400) {
      return UPSTREAM_4XX;
    }
    return failed ? OTHER : NONE;
  }

  private static ErrorType ofGatewayFailure(GatewayFailure f) {
    return ofCode(f.code(), f.status());
  }

  private static ErrorType ofCode(String code, int status) {
    if (GatewayFailure.isLimit(code)) {
      return LIMITED;
    }
    return switch (code) {
      case "cost_spike_shed" -> SHED;
      case "breaker_open" -> BREAKER_OPEN;
      case "upstream_timeout" -> TIMEOUT;
      case "upstream_unreachable", "upstream_connection_closed", "upstream_invalid_response" -> UPSTREAM_UNAVAILABLE;
      case "invalid_api_key" -> AUTH;
      default -> status < 500 ? INVALID_REQUEST : GATEWAY_ERROR;
    };
  }

  /** The status of one try at the provider (0: no response), as a failure of the service or not. */
  public static boolean upstreamFailed(int attemptStatus) {
    return attemptStatus == 0 || ofUpstreamStatus(attemptStatus, false).side() == Side.SERVICE;
  }
}
