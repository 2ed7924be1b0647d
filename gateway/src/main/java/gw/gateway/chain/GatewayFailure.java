package gw.gateway.chain;

/**
 * A typed short-circuit: the HTTP status, OpenAI's error {@code type}, a stable {@code code} and a
 * message that says what happened and what to do. {@link OpenAiErrors} is the one place that turns
 * it into a response.
 */
public final class GatewayFailure extends RuntimeException {
  private static final java.util.Set<String> LIMITS = java.util.Set.of("budget_exceeded", "rate_limit_rpm", "rate_limit_tpm");
  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private final long retryAfterSeconds;

  public GatewayFailure(int status, String type, String code, String param, String message) {
    this(status, type, code, param, message, 0);
  }

  private GatewayFailure(int status, String type, String code, String param, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * 429 for a gateway limit or budget, like OpenAI's rate-limit errors: {@code code} names the limit
   * that was hit (e.g. {@code budget_exceeded}, {@code rate_limit_rpm}); the answer carries
   * {@code Retry-After}.
   */
  public static GatewayFailure tooManyRequests(String code, String message, long retryAfterSeconds) {
    return new GatewayFailure(429, "rate_limit_error", code, null, message, Math.max(1, retryAfterSeconds));
  }

  public static GatewayFailure invalidRequest(String code, String param, String message) {
    return new GatewayFailure(400, "invalid_request_error", code, param, message);
  }

  public static GatewayFailure unauthorized(String message) {
    return new GatewayFailure(401, "invalid_request_error", "invalid_api_key", null, message);
  }

  public static GatewayFailure notFound(String message) {
    return new GatewayFailure(404, "invalid_request_error", "unknown_url", null, message);
  }

  /** 431: more header fields than the gateway reads (their total size is capped by the HTTP server). */
  public static GatewayFailure tooManyHeaders(int count, int limit) {
    return new GatewayFailure(431, "invalid_request_error", "request_header_fields_too_large", null,
        "The request has " + count + " header fields; the gateway reads at most " + limit + ".");
  }

  public static GatewayFailure tooLarge(long limit) {
    return new GatewayFailure(413, "invalid_request_error", "request_too_large", null,
        "Request body exceeds the gateway's limit of " + limit + " bytes; send a smaller request");
  }

  /** 408: the request's body did not arrive within the body timeout. */
  public static GatewayFailure bodyTimeout(long timeoutMs) {
    return new GatewayFailure(408, "invalid_request_error", "request_timeout", null,
        "The request body did not arrive within " + timeoutMs + " ms; send it at once, or check the network");
  }

  /** 503 when the gateway or its upstream connection pool is at capacity; retry after a second. */
  public static GatewayFailure overloaded(String code, String message) {
    return new GatewayFailure(503, "server_error", code, null, message, 1);
  }

  public static GatewayFailure upstream(int status, String code, String message) {
    return new GatewayFailure(status, "upstream_error", code, null, message);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  /** Refused by the gateway's own rate limits or budgets, rather than failed by the provider. */
  public boolean limited() {
    return isLimit(code);
  }

  /** Whether {@code code} names one of the gateway's own limits or budgets. */
  public static boolean isLimit(String code) {
    return LIMITS.contains(code);
  }

  public String code() {
    return code;
  }

  public String param() {
    return param;
  }

  /** 503 from a breaker that stops calls for a while, with {@code Retry-After}. */
  public static GatewayFailure unavailable(String code, String message, long retryAfterSeconds) {
    return new GatewayFailure(503, "upstream_error", code, null, message, Math.max(1, retryAfterSeconds));
  }

  /** Seconds for the {@code Retry-After} header; 0 when the answer should not carry one. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
