package gw.gateway.cli;

import gw.gateway.chain.Causes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Keeps a started system alive until Ctrl-C, then shuts it down in order. */
final class Running {
  private Running() {}

  static int untilInterrupted(Vertx vertx, Supplier<Future<?>> shutdown) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        shutdown.get().transform(ar -> vertx.close()).await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("shutdown: " + Causes.describe(e));
      }
      stopped.countDown();
    }, "gw-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Waits for a start-up step; on failure closes Vert.x so nothing is left listening. */
  static <T> T await(Vertx vertx, Future<T> future, String what) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      throw new StartupException(what + " failed: " + Causes.describe(cause), cause);
    }
  }

  static final class StartupException extends RuntimeException {
    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
