package gw.mock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Successful JSON answers. */
final class JsonResponses {

  private JsonResponses() {
  }

  static void send(RoutingContext ctx, JsonObject json) {
    send(ctx, json.toBuffer());
  }

  static void send(RoutingContext ctx, JsonArray json) {
    send(ctx, json.toBuffer());
  }

  static void send(RoutingContext ctx, Buffer json) {
    ctx.response().putHeader("content-type", "application/json").end(json);
  }
}
