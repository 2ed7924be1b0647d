package gw.gateway.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Turns Vert.x's blocked-thread warnings into test failures: {@link GatewayHarness#close()} fails
 * if any event loop was blocked longer than the harness's limit while it ran. Vert.x logs through
 * SLF4J to Logback here; the appender is re-attached on every use, since a command run in-process
 * may have reset the logging configuration ({@code LogFormat.install}).
 */
final class EventLoopWatch {
  private static final List<String> BLOCKED = new CopyOnWriteArrayList<>();
  private static final String NAME = "event-loop-watch";

  private EventLoopWatch() {}

  static int mark() {
    attach();
    return BLOCKED.size();
  }

  static List<String> since(int mark) {
    return List.copyOf(BLOCKED.subList(mark, BLOCKED.size()));
  }

  private static synchronized void attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger vertx = context.getLogger("io.vertx.core");
    if (vertx.getAppender(NAME) != null) {
      return;
    }
    AppenderBase<ILoggingEvent> watch = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (event.getLevel().isGreaterOrEqual(Level.WARN) && message != null
            && message.contains("has been blocked for") && message.contains("eventloop")) {
          BLOCKED.add(message);
        }
      }
    };
    watch.setName(NAME);
    watch.setContext(context);
    watch.start();
    vertx.addAppender(watch);
  }
}
