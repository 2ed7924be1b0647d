package gw.gateway.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the trace store lives, for the commands that open it. */
final class DataDirOption {
  @Option(names = "--data-dir", defaultValue = EnvDefaults.DATA_DIR,
      description = "Trace store directory (default ${DEFAULT-VALUE}).")
  Path dir;
}
