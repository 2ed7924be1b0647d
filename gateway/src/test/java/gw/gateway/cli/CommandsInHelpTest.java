package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ./gw --help} and {@code java -jar gw.jar --help} name every command the jar has. */
class CommandsInHelpTest {
  static final Path SCRIPT = Path.of("..", "gw").toAbsolutePath().normalize();

  @Test
  void theJarsHelpListsEverySubcommand() {
    StringWriter out = new StringWriter();
    assertThat(Main.commandLine().setOut(new PrintWriter(out, true)).execute("--help")).isZero();
    assertThat(out.toString()).contains(commands());
    assertThat(commands()).contains("up", "serve", "mock", "traces", "replay", "client", "drill", "calibrate");
  }

  @Test
  void theScriptsHelpListsEverySubcommandOfTheJar() throws Exception {
    String help = run("--help");
    for (String command : commands()) {
      assertThat(help).as("./gw --help names " + command).contains("./gw " + command + " ");
    }
    assertThat(help).contains("./gw traces import", "./gw traces diagnose", "./gw test", "./gw build");
  }

  private static Set<String> commands() {
    return Main.commandLine().getSubcommands().keySet();
  }

  private static String run(String... args) throws Exception {
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = SCRIPT.toString();
    System.arraycopy(args, 0, command, 2, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
