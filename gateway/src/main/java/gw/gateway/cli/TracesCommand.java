package gw.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "traces", mixinStandardHelpOptions = true,
    description = "Load trace files into the trace store, diagnose stored traces, apply retention.",
    subcommands = {TracesImportCommand.class, TracesDiagnoseCommand.class, TracesPruneCommand.class})
final class TracesCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: import, diagnose or prune");
  }
}
