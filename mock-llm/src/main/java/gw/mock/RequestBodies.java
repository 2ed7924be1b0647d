package gw.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Parses a request body once, for both the request log and the handler. */
final class RequestBodies {

  private static final String KEY = RequestBodies.class.getName();

  private RequestBodies() {
  }

  /** The parsed JSON value (object, array, scalar), or null when the body is empty or not JSON. */
  static Object jsonOrNull(RoutingContext ctx) {
    return parsed(ctx).value();
  }

  /** The body as a JSON object, or an OpenAI 400 error saying what is wrong with it. */
  static JsonObject jsonObject(RoutingContext ctx) {
    Parsed parsed = parsed(ctx);
    if (parsed.empty()) {
      throw ApiError.invalidRequest("The request body is empty; send a JSON object.", null, null);
    }
    if (parsed.invalid() != null) {
      throw ApiError.invalidRequest("We could not parse the JSON body of your request: " + parsed.invalid()
          + ". The API expects a JSON payload.", null, null);
    }
    if (!(parsed.value() instanceof JsonObject json)) {
      throw ApiError.invalidRequest("The request body must be a JSON object.", null, null);
    }
    return json;
  }

  private static Parsed parsed(RoutingContext ctx) {
    Parsed parsed = ctx.get(KEY);
    if (parsed == null) {
      parsed = parse(ctx.body().buffer());
      ctx.put(KEY, parsed);
    }
    return parsed;
  }

  private static Parsed parse(Buffer body) {
    if (body == null || body.length() == 0) {
      return new Parsed(null, true, null);
    }
    try {
      return new Parsed(body.toJsonValue(), false, null);
    } catch (DecodeException e) {
      return new Parsed(null, false, e.getMessage().lines().findFirst().orElse("invalid JSON"));
    }
  }

  private record Parsed(Object value, boolean empty, String invalid) {
  }
}
