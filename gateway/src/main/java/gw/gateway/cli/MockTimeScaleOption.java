package gw.gateway.cli;

import picocli.CommandLine.Option;

/** {@code --time-scale} of a mock the command starts itself. */
final class MockTimeScaleOption {
  @Option(names = "--time-scale", defaultValue = "1.0",
      description = "Multiplier of the mock's per-model latency profiles; 0 answers instantly (default ${DEFAULT-VALUE}).")
  double value;
}
