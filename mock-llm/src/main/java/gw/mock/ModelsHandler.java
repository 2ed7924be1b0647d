package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/models} and {@code GET /v1/models/:model}. */
final class ModelsHandler {

  // A fixed date keeps the listing identical across runs.
  private static final long CREATED = 1_700_000_000L;

  private ModelsHandler() {
  }

  static void list(RoutingContext ctx) {
    JsonArray data = new JsonArray();
    ModelProfiles.all().forEach(profile -> data.add(model(profile.id())));
    JsonResponses.send(ctx, new JsonObject().put("object", "list").put("data", data));
  }

  static void one(RoutingContext ctx) {
    String id = ctx.pathParam("model");
    if (ModelProfiles.find(id) == null) {
      throw new ApiError(404, "The model '" + id + "' does not exist or you do not have access to it.",
          "invalid_request_error", "model", "model_not_found");
    }
    JsonResponses.send(ctx, model(id));
  }

  private static JsonObject model(String id) {
    return new JsonObject().put("id", id).put("object", "model").put("created", CREATED).put("owned_by", "mock");
  }
}
