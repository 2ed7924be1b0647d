package gw.gateway.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Turns Vert.x's blocked-thread warnings into test failures: {@link GatewayHarness#close()} fails
 * if any event loop was blocked longer than the harness's limit while it ran.
 */
final class EventLoopWatch {
  // Held strongly: java.util.logging keeps loggers weakly and would drop the handler with them.
  private static final Logger VERTX = Logger.getLogger("io.vertx.core");
  private static final List<String> BLOCKED = new CopyOnWriteArrayList<>();

  static {
    VERTX.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        String message = String.valueOf(record.getMessage());
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && message.contains("has been blocked for")
            && message.contains("eventloop")) {
          BLOCKED.add(message);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  private EventLoopWatch() {}

  static int mark() {
    return BLOCKED.size();
  }

  static List<String> since(int mark) {
    return List.copyOf(BLOCKED.subList(mark, BLOCKED.size()));
  }
}
