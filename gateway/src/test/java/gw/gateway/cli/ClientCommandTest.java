package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.gateway.testing.GatewayHarness;
import gw.mock.MockProfile;
import gw.mock.client.RagTraffic;
import gw.mock.client.TrafficSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  @Test
  void exitsZeroWhenEveryRequestIsAnsweredAndOneWhenAnyFails(@TempDir Path dataDir) {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      String mock = "http://127.0.0.1:" + gw.mock.actualPort();
      assertThat(run("--gateway", "http://127.0.0.1:" + gw.port(), "--mock", mock, "--key", GatewayHarness.KEY,
          "--requests", "3", "--rate", "50", "--time-scale", "0")).startsWith("0 ");
      assertThat(run("--gateway", "http://127.0.0.1:" + gw.port(), "--mock", mock, "--key", "not-a-key",
          "--requests", "3", "--rate", "50", "--time-scale", "0")).as("401s").startsWith("1 ");
    }
  }

  @Test
  void anyFailedRequestMeansExitStatus1() {
    TrafficSnapshot clean = new TrafficSnapshot(10, 10, 10, Map.of(), 2, 0, Map.of(), 5, 9);
    TrafficSnapshot oneRefused = new TrafficSnapshot(10, 10, 9, Map.of("connection_error", 1L), 0, 0, Map.of(), 5, 9);
    assertThat(ClientCommand.exitCode(clean)).isZero();
    assertThat(ClientCommand.exitCode(oneRefused)).isEqualTo(1);
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
