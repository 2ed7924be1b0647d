package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gw} runs the jar in the caller's directory, so relative paths are the caller's. A stand-in
 * {@code java} on the PATH reports where it ran and with what (and a stand-in {@code mvn} skips the
 * build), so the script itself is what is tested.
 */
class ScriptWorkingDirectoryTest {
  @TempDir Path bin;
  @TempDir Path caller;

  @Test
  void commandsRunInTheCallersDirectoryWithTheJarFoundFromTheScript() throws Exception {
    stub("java", "echo \"cwd=$PWD\"; echo \"args=$*\"");
    stub("mvn", "exit 0");
    ProcessBuilder p = new ProcessBuilder("bash", CommandsInHelpTest.SCRIPT.toString(), "traces", "import", "my-traces")
        .directory(caller.toFile()).redirectErrorStream(true);
    p.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process run = p.start();
    assertThat(run.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.exitValue()).as(out).isZero();
    assertThat(out).contains("cwd=" + caller.toRealPath())
        .contains("args=-jar " + CommandsInHelpTest.SCRIPT.getParent().resolve("gateway/target/gw.jar")
            + " traces import my-traces");
  }

  private void stub(String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.write(file, List.of("#!/usr/bin/env bash", body));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
