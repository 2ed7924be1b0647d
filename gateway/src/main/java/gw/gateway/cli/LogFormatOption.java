package gw.gateway.cli;

import gw.gateway.logging.LogFormat;
import picocli.CommandLine.Option;

/** {@code --log-format text|json}, else {@code GW_LOG_FORMAT}, else text. */
final class LogFormatOption {
  @Option(names = "--log-format", defaultValue = "${env:GW_LOG_FORMAT:-text}", converter = Converter.class,
      description = "text (default; lines on stderr) or json (one JSON object per line on stdout, with an "
          + "access line per request); env GW_LOG_FORMAT.")
  LogFormat format;

  /** Installs the format and says where the banner goes: stdout holds only JSON lines in json mode. */
  java.io.PrintStream install() {
    format.install();
    return format == LogFormat.JSON ? System.err : System.out;
  }

  static final class Converter implements picocli.CommandLine.ITypeConverter<LogFormat> {
    @Override
    public LogFormat convert(String value) {
      return LogFormat.parse(value);
    }
  }
}
