package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Test-facing routes: runtime chaos ({@code /chaos}) and the request log ({@code /mock/requests}). */
final class AdminRoutes {

  private final ChaosState chaos;
  private final RequestLog requests;

  AdminRoutes(ChaosState chaos, RequestLog requests) {
    this.chaos = chaos;
    this.requests = requests;
  }

  static boolean isAdminPath(String path) {
    return path.equals("/chaos") || path.startsWith("/chaos/") || path.startsWith("/mock/");
  }

  void mount(Router router) {
    router.get("/chaos").handler(this::showChaos);
    router.post("/chaos").handler(this::replaceChaos);
    router.delete("/chaos").handler(this::resetChaos);
    router.post("/chaos/reset").handler(this::resetChaos);
    router.get("/mock/requests").handler(ctx -> JsonResponses.send(ctx, new JsonArray(requests.snapshot())));
    router.delete("/mock/requests").handler(ctx -> {
      requests.clear();
      ctx.response().setStatusCode(204).end();
    });
  }

  private void showChaos(RoutingContext ctx) {
    JsonResponses.send(ctx, chaos.current().toJson());
  }

  private void replaceChaos(RoutingContext ctx) {
    chaos.set(ChaosSpec.fromJson(RequestBodies.jsonObject(ctx)));
    showChaos(ctx);
  }

  private void resetChaos(RoutingContext ctx) {
    chaos.reset();
    showChaos(ctx);
  }
}
