package gw.gateway.cli;

import gw.gateway.calibrate.Calibration;
import gw.gateway.calibrate.CalibrationReport;
import gw.gateway.calibrate.CalibrationSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "calibrate", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
    description = {"Measure detection on its own system (mock + gateway on free ports, a temporary data dir): healthy "
        + "realistic traffic with bursts of 401/400 client errors must open no incident, trip no breaker, alter no "
        + "answer and leave no trace diagnosed unhealthy; then each of the five faults must open its incident class.",
        "The config is the shipped one (or --config-dir) with only budgets, rate limits and the triage tick raised."},
    footer = "Exit status: 0 when clean with recall 5/5, 1 otherwise, 2 for unusable options.")
final class CalibrateCommand implements Callable<Integer> {
  @Option(names = "--requests", defaultValue = "10000", description = "Healthy requests (default ${DEFAULT-VALUE}).")
  long requests;

  @Option(names = "--rate", defaultValue = "80", description = "Requests per second within a burst "
      + "(default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--time-scale", defaultValue = "0.05", description = "The mock's delays and the bursts' lengths "
      + "multiplied by this; 1 is real time (default ${DEFAULT-VALUE}).")
  double timeScale;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the traffic (default ${DEFAULT-VALUE}).")
  long seed;

  @Mixin ConfigDirOption configDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CalibrationSettings settings;
    try {
      settings = CalibrationSettings.defaults().withRequests(requests).withRate(rate).withTimeScale(timeScale).withSeed(seed);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("gw calibrate: " + e.getMessage());
      return 2;
    }
    out.println("gw calibrate: " + requests + " healthy requests, then the five faults ...");
    out.flush();
    Path work = Files.createTempDirectory("gw-calibrate");
    CalibrationReport report;
    try {
      report = new Calibration(settings, configDir.source()).run(work);
    } finally {
      delete(work);
    }
    report.lines().forEach(out::println);
    out.flush();
    return report.healthy().clean() && report.recalled() == report.recall().size() ? 0 : 1;
  }

  private static void delete(Path dir) throws java.io.IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
