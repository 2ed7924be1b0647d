package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code client}, {@code drill} and {@code replay} find a system started with {@code GW_PORT},
 * {@code GW_ADMIN_PORT} and {@code GW_MOCK_PORT} as {@code up} does. A JVM's environment is fixed at
 * start, so the defaults are read in a child JVM started with those variables.
 */
class PortsFromEnvironmentTest {
  @Test
  void theDefaultsFollowThePortVariables() throws Exception {
    assertThat(defaultsWith(Map.of("GW_PORT", "18080", "GW_ADMIN_PORT", "18081", "GW_MOCK_PORT", "18090")))
        .contains("client --gateway http://127.0.0.1:18080 --mock http://127.0.0.1:18090")
        .contains("drill --gateway http://127.0.0.1:18080 --admin http://127.0.0.1:18081 --mock http://127.0.0.1:18090")
        .contains("replay --admin-url http://127.0.0.1:18081")
        .contains("up --port 18080 --admin-port 18081 --mock-port 18090");
  }

  @Test
  void withoutThemTheShippedPortsAndAnAdminUrlVariableWins() throws Exception {
    assertThat(defaultsWith(Map.of("GW_ADMIN_URL", "http://10.0.0.5:9000", "GW_ADMIN_PORT", "18081")))
        .contains("client --gateway http://127.0.0.1:8080 --mock http://127.0.0.1:8090")
        .contains("drill --gateway http://127.0.0.1:8080 --admin http://127.0.0.1:18081 --mock http://127.0.0.1:8090")
        .contains("replay --admin-url http://10.0.0.5:9000");
  }

  private static String defaultsWith(Map<String, String> env) throws Exception {
    return ChildJvm.run(PrintDefaults.class, env);
  }

  /** Run in the child JVM: each command parsed with no arguments, its endpoints printed. */
  public static final class PrintDefaults {
    public static void main(String[] args) {
      ClientCommand client = parsed(new ClientCommand());
      System.out.println("client --gateway " + client.target.gateway + " --mock " + client.target.mock);
      DrillCommand drill = parsed(new DrillCommand());
      System.out.println("drill --gateway " + drill.target.gateway + " --admin " + drill.admin + " --mock " + drill.target.mock);
      System.out.println("replay --admin-url " + parsed(new ReplayCommand()).adminUrl);
      UpCommand up = parsed(new UpCommand());
      System.out.println("up --port " + up.port + " --admin-port " + up.adminPort + " --mock-port " + up.mockPort);
    }

    private static <T> T parsed(T command) {
      new CommandLine(command).parseArgs();
      return command;
    }
  }
}
