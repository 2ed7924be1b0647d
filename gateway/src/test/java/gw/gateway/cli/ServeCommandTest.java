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
