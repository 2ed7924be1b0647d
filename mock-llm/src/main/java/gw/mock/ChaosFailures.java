package gw.mock;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/** The chaos modes that replace the model's answer entirely: silence, errors, a dropped connection. */
final class ChaosFailures {

  private final Vertx vertx;
  /** Writes an error in the route's own shape (OpenAI's or Anthropic's). */
  private final BiConsumer<HttpServerResponse, ApiError> errors;

  ChaosFailures(Vertx vertx) {
    this(vertx, OpenAiErrors::send);
  }

  ChaosFailures(Vertx vertx, BiConsumer<HttpServerResponse, ApiError> errors) {
    this.vertx = vertx;
    this.errors = errors;
  }

  /**
   * Applies the first failure mode that fired, in order timeout, rate_limit, error_503, error_500,
   * drop_connection; returns whether one did. A stream drops its connection later, mid-stream, so
   * {@code streaming} leaves drop_connection to the caller.
   */
  boolean intercept(RoutingContext ctx, ChaosDecision chaos, boolean streaming) {
    if (chaos.isCalm()) {
      return false;
    }
    if (chaos.has(ChaosMode.TIMEOUT)) {
      holdSilently(ctx, chaos.param(ChaosMode.TIMEOUT));
    } else if (chaos.has(ChaosMode.RATE_LIMIT)) {
      long seconds = chaos.param(ChaosMode.RATE_LIMIT);
      ctx.response().putHeader("retry-after", Long.toString(seconds));
      errors.accept(ctx.response(), new ApiError(429, "Rate limit reached for requests. Please try again in "
          + seconds + "s.", "requests", null, "rate_limit_exceeded"));
    } else if (chaos.has(ChaosMode.ERROR_503)) {
      errors.accept(ctx.response(), new ApiError(503, "The server is overloaded or not ready yet.",
          "server_error", null, null));
    } else if (chaos.has(ChaosMode.ERROR_500)) {
      errors.accept(ctx.response(), new ApiError(500,
          "The server had an error while processing your request. Sorry about that!", "server_error", null, null));
    } else if (chaos.has(ChaosMode.DROP_CONNECTION) && !streaming) {
      Connections.drop(ctx.request());
    } else {
      return false;
    }
    return true;
  }

  // Never answer, but close after the hold so a forgotten client cannot pin the connection forever.
  private void holdSilently(RoutingContext ctx, long holdMs) {
    long timer = vertx.setTimer(Math.max(1, holdMs), id -> Connections.drop(ctx.request()));
    ctx.response().closeHandler(closed -> vertx.cancelTimer(timer));
  }
}
