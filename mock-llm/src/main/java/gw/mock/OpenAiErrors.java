package gw.mock;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The one place where failures become OpenAI-shaped HTTP error responses. */
final class OpenAiErrors {

  private OpenAiErrors() {
  }

  static void send(HttpServerResponse response, ApiError error) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(error.status())
        .putHeader("content-type", "application/json")
        .end(error.toJson().toBuffer());
  }

  /** Router failure handler: maps whatever a handler threw to an OpenAI error. */
  static void handleFailure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      // Too late for an error status: end the exchange the way a failing provider would.
      Connections.drop(ctx.request());
      return;
    }
    send(ctx.response(), toApiError(ctx));
  }

  static ApiError toApiError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError apiError) {
      return apiError;
    }
    if (failure instanceof ChaosSpecException chaos) {
      return ApiError.invalidRequest(chaos.getMessage(), chaos.field(), "invalid_chaos");
    }
    int status = ctx.statusCode();
    if (status == 413) {
      return new ApiError(413, "Request body is too large for the mock provider.", "invalid_request_error",
          null, "request_too_large");
    }
    if (status >= 400 && status < 500) {
      return new ApiError(status, "Request rejected with HTTP " + status + ".", "invalid_request_error", null, null);
    }
    String detail = failure == null ? "unknown failure" : failure.toString();
    return new ApiError(500, "The mock provider failed while handling the request: " + detail, "server_error",
        null, null);
  }
}
