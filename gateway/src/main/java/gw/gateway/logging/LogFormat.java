package gw.gateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How the gateway's log lines look. Every logger (the gateway's own {@code System.Logger}s, Vert.x
 * and Netty) goes through SLF4J to Logback; this picks the appender. {@code text} (the default):
 * one readable line per event on stderr, no access lines. {@code json}: one JSON object per line on
 * stdout ({@link JsonLineEncoder}), with an access line per request from {@link AccessLog}.
 */
public enum LogFormat {
  TEXT, JSON;

  /** {@code text} or {@code json}, any case. */
  public static LogFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log format '" + value + "' is not one of text, json");
    }
  }

  /** Replaces whatever Logback was configured with (its default file) by this format's appender. */
  public void install() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget(this == JSON ? "System.out" : "System.err");
    console.setEncoder(encoder(context));
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    context.getLogger(AccessLog.LOGGER).setLevel(this == JSON ? Level.INFO : Level.OFF);
  }

  private Encoder<ILoggingEvent> encoder(LoggerContext context) {
    if (this == JSON) {
      JsonLineEncoder json = new JsonLineEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  /** Also the pattern of the bundled logback.xml, so a command that never calls install looks the same. */
  static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";
}
