package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.JavaCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM's environment is fixed at start: option defaults read from GW_* variables are checked in a child. */
final class ChildJvm {
  private ChildJvm() {}

  /** Runs {@code main} in a JVM whose only GW_* variables are {@code env}; returns what it printed. */
  static String run(Class<?> main, Map<String, String> env) throws Exception {
    ProcessBuilder child = JavaCommand.of(List.of(), main);
    child.environment().putAll(env);
    Process p = child.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
