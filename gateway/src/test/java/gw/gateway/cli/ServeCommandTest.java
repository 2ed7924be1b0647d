package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {
  @Test
  void refusesTheDemoCredentialsWithoutDev() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true));
      code = new CommandLine(new Main()).execute("serve", "--upstream", "http://127.0.0.1:1/v1");
    } finally {
      System.setErr(original);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("demo credentials").contains("--dev");
  }

  @Test
  void aPortInUseIsOneClearLine() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CommandLine cli = Main.commandLine();
      cli.setErr(new java.io.PrintWriter(err, true));
      code = cli.execute("mock", "--port", String.valueOf(taken.getLocalPort()));
    }
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("gw mock: starting the mock LLM").doesNotContain("\tat ");
  }

  @Test
  void rejectsAnUpstreamWithoutV1() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true));
      code = new CommandLine(new Main()).execute("serve", "--dev", "--upstream", "http://127.0.0.1:1");
    } finally {
      System.setErr(original);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("must end in /v1");
  }
}
