package gw.mock;

import io.vertx.core.json.JsonObject;

/** A failure that leaves the mock as an OpenAI-shaped error body with its HTTP status. */
final class ApiError extends RuntimeException {

  private final int status;
  private final String type;
  private final String param;
  private final String code;

  ApiError(int status, String message, String type, String param, String code) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  static ApiError invalidRequest(String message, String param, String code) {
    return new ApiError(400, message, "invalid_request_error", param, code);
  }

  int status() {
    return status;
  }

  JsonObject toJson() {
    return new JsonObject().put("error", new JsonObject()
        .put("message", getMessage())
        .put("type", type)
        .put("param", param)
        .put("code", code));
  }
}
