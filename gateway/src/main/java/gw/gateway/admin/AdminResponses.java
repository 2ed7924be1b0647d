package gw.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import gw.traces.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Admin answers: JSON bodies, errors in the same shape as the data plane's. */
final class AdminResponses {
  /** For answers built from records: their fields in the API's snake_case. */
  static final ObjectMapper SNAKE_JSON = Json.SNAKE_CASE;

  private AdminResponses() {}

  static void json(RoutingContext ctx, int status, Buffer body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  static void error(RoutingContext ctx, int status, String code, String message) {
    error(ctx, status, code, null, message);
  }

  /** {@code param}: the request field the error is about, as in OpenAI's errors (null when none is). */
  static void error(RoutingContext ctx, int status, String code, String param, String message) {
    JsonObject error = new JsonObject().put("message", message).put("type", "admin_error").put("param", param)
        .put("code", code);
    json(ctx, status, new JsonObject().put("error", error).toBuffer());
  }
}
