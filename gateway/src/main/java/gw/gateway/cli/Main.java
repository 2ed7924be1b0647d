package gw.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gw}: the gateway's command line. */
@Command(name = "gw", mixinStandardHelpOptions = true, version = "gw 0.1.0",
    description = "An OpenAI-compatible LLM gateway with inline, redacted traces.",
    subcommands = {UpCommand.class, ServeCommand.class, MockCommand.class})
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
