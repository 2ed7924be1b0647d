package gw.gateway.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the trace store and control database live, for the commands that open them. */
final class DataDirOption {
  @Option(names = "--data-dir", defaultValue = EnvDefaults.DATA_DIR,
      description = "Data directory: the trace store and control.db (default ${DEFAULT-VALUE}).")
  Path dir;
}
