package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.mock.MockProfile;
import gw.mock.client.RagTraffic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClientCommandTest {

  @Test
  void unusableOptionsExitWith1AndSayWhy() {
    assertThat(run("--rate", "0")).startsWith("1 gw client: rate must be above 0");
    assertThat(run("--duration", "soon")).startsWith("1 gw client: --duration takes a number");
    assertThat(run("--gateway", "localhost:8080")).startsWith("1 gw client: gatewayUrl must be an http://");
    assertThat(run("--rate", "fast")).startsWith("1 ").contains("--rate");
    assertThat(run("--profile", "chaotic")).startsWith("1 gw client: --profile must be one of standard, realistic");
    assertThat(run("--time-scale", "-1")).startsWith("1 gw client: time scale must be a finite number >= 0");
  }

  @Test
  void theProfileAndTimeScaleReachTheTraffic() {
    assertThat(options().profile()).isEqualTo(MockProfile.STANDARD);
    assertThat(options().timeScale()).isEqualTo(1.0);
    RagTraffic.Options realistic = options("--profile", "realistic", "--time-scale", "0.05");
    assertThat(realistic.profile()).isEqualTo(MockProfile.REALISTIC);
    assertThat(realistic.timeScale()).isEqualTo(0.05);
  }

  @Test
  void durationsTakeAUnitAndDefaultToSeconds() {
    assertThat(ClientCommand.duration("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ClientCommand.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ClientCommand.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> ClientCommand.duration("-5s")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyRequestsMeansNoTimeLimitAndNeitherMeansAMinute() {
    assertThat(options("--requests", "200").duration()).isNull();
    assertThat(options().duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options("--requests", "200", "--duration", "5s").duration()).isEqualTo(Duration.ofSeconds(5));
  }

  /** The exit code and what the command wrote to stderr. */
  private static String run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    String[] full = new String[args.length + 1];
    full[0] = "client";
    System.arraycopy(args, 0, full, 1, args.length);
    return cli.execute(full) + " " + err;
  }

  private static RagTraffic.Options options(String... args) {
    ClientCommand command = new ClientCommand();
    new CommandLine(command).parseArgs(args);
    return command.options();
  }
}
