package gw.mock;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures on {@code /v1/messages} in Anthropic's shape: {@code {"type":"error","error":{"type","message"}}},
 * the type named by the status as Anthropic names it.
 */
final class AnthropicErrors {

  private AnthropicErrors() {
  }

  static void send(HttpServerResponse response, ApiError error) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(error.status())
        .putHeader("content-type", "application/json")
        .end(body(error.status(), error.getMessage()).toBuffer());
  }

  static JsonObject body(int status, String message) {
    return new JsonObject().put("type", "error")
        .put("error", new JsonObject().put("type", type(status)).put("message", message));
  }

  static String type(int status) {
    return switch (status) {
      case 400, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  /** Router failure handler for the Messages route. */
  static void handleFailure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      Connections.drop(ctx.request());
      return;
    }
    send(ctx.response(), OpenAiErrors.toApiError(ctx));
  }
}
