package gw.gateway.anthropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.GatewayFailure;
import io.vertx.core.buffer.Buffer;

/**
 * Errors for {@code /v1/messages} clients in Anthropic's shape,
 * {@code {"type":"error","error":{"type":"rate_limit_error","message":"..."}}}, the type named by the
 * status as Anthropic names it; the gateway's own code (e.g. {@code budget_exceeded}) stays readable at
 * the start of the message, as Anthropic's shape has no field for it.
 */
public final class AnthropicErrors {
  private AnthropicErrors() {}

  public static Buffer body(GatewayFailure f) {
    String message = f.code() == null ? f.getMessage() : f.code() + ": " + f.getMessage();
    return Buffer.buffer(body(f.status(), message).toString());
  }

  static ObjectNode body(int status, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("type", "error");
    body.putObject("error").put("type", type(status)).put("message", message);
    return body;
  }

  static String type(int status) {
    return switch (status) {
      case 400, 408, 409, 411, 415, 422, 431 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      case 504 -> "timeout_error";
      default -> "api_error";
    };
  }
}
