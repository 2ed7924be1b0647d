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
    int status = ex.status();
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
    if (f.limited()) {
      return LIMITED;
    }
    return switch (f.code()) {
      case "cost_spike_shed" -> SHED;
      case "breaker_open" -> BREAKER_OPEN;
      case "upstream_timeout" -> TIMEOUT;
      case "upstream_unreachable", "upstream_connection_closed", "upstream_invalid_response" -> UPSTREAM_UNAVAILABLE;
      case "invalid_api_key" -> AUTH;
      default -> f.status() < 500 ? INVALID_REQUEST : GATEWAY_ERROR;
    };
  }
}
