package gw.gateway.cli;

import gw.gateway.chain.Causes;
import gw.gateway.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gw}: the gateway's command line. */
@Command(name = "gw", mixinStandardHelpOptions = true, version = "gw 0.1.0",
    description = "An OpenAI-compatible LLM gateway with inline, redacted traces.",
    subcommands = {UpCommand.class, ServeCommand.class, MockCommand.class, TracesCommand.class, ReplayCommand.class,
        AuditCommand.class, ClientCommand.class, DrillCommand.class, CalibrateCommand.class})
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Start-up failures (a port in use, a bad config) are one clear line, not a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler((error, cmd, parsed) -> {
      if (error instanceof Running.StartupException || error instanceof ConfigException) {
        cmd.getErr().println("gw " + cmd.getCommandName() + ": " + Causes.describe(error));
        return 1;
      }
      throw error;
    });
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
