package gw.gateway.cli;

import gw.gateway.config.ConfigSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config-dir}, else {@code GW_CONFIG_DIR}, else the bundled config. */
final class ConfigDirOption {
  @Option(names = "--config-dir", description = "Directory whose config files replace the bundled ones "
      + "(env GW_CONFIG_DIR; default: the bundled config).")
  Path dir;

  ConfigSource source() {
    return source(dir);
  }

  /** For commands without the option: the variable, else the bundled config. */
  static ConfigSource fromEnvironment() {
    return source(null);
  }

  private static ConfigSource source(Path dir) {
    String env = System.getenv("GW_CONFIG_DIR");
    Path chosen = dir != null ? dir : env != null && !env.isBlank() ? Path.of(env) : null;
    return chosen == null ? ConfigSource.bundled() : new ConfigSource(chosen);
  }
}
