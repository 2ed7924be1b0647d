package gw.gateway.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child JVM on the test's own class path, with none of the caller's GW_* variables (they set option defaults). */
public final class JavaCommand {
  private JavaCommand() {}

  public static ProcessBuilder of(List<String> jvmOptions, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
    child.environment().keySet().removeIf(k -> k.startsWith("GW_"));
    return child;
  }
}
