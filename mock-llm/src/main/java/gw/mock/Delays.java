package gw.mock;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/** Runs a step now or after a timer; zero delay never touches a timer (the benchmark path). */
final class Delays {

  private Delays() {
  }

  static void after(Vertx vertx, RoutingContext ctx, long delayMs, Runnable step) {
    if (delayMs <= 0) {
      step.run();
      return;
    }
    vertx.setTimer(delayMs, timer -> {
      if (ctx.response().closed()) {
        return;
      }
      try {
        step.run();
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }
}
