package gw.mock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects Vert.x blocked-thread warnings, so a test that blocks an event loop fails instead of just logging. */
public final class BlockedEventLoops {

  // Held strongly: java.util.logging keeps loggers weakly and would drop the handler with them.
  private static final Logger CHECKER = Logger.getLogger("io.vertx.core");
  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  static {
    CHECKER.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()
            && String.valueOf(record.getMessage()).contains("has been blocked for")) {
          WARNINGS.add(record.getMessage());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    });
  }

  private BlockedEventLoops() {
  }

  public static void reset() {
    WARNINGS.clear();
  }

  public static List<String> warnings() {
    return List.copyOf(WARNINGS);
  }
}
