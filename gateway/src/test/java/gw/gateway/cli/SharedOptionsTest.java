package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each option group declared once as a picocli mixin behaves the same in every command that uses it:
 * the GW_* variable is the default, the option overrides it. Defaults are read in a child JVM
 * ({@link ChildJvm}) started with the variables.
 */
class SharedOptionsTest {
  @Test
  void theDataDirVariableIsTheDefaultOfEveryCommandThatOpensTheStore() throws Exception {
    assertThat(ChildJvm.run(PrintShared.class, Map.of("GW_DATA_DIR", "/srv/gw-data")))
        .contains("up --data-dir /srv/gw-data\n", "traces import --data-dir /srv/gw-data\n",
            "traces diagnose --data-dir /srv/gw-data\n", "audit verify --data-dir /srv/gw-data\n")
        .contains("up --data-dir given\n", "traces import --data-dir given\n", "traces diagnose --data-dir given\n",
            "audit verify --data-dir given\n");
    assertThat(ChildJvm.run(PrintShared.class, Map.of())).contains("up --data-dir data\n",
        "traces import --data-dir data\n", "traces diagnose --data-dir data\n", "audit verify --data-dir data\n");
  }

  @Test
  void theConfigDirVariableIsUsedByUpServeCalibrateAndImportUnlessTheOptionNamesAnother() throws Exception {
    String out = ChildJvm.run(PrintShared.class, Map.of("GW_CONFIG_DIR", "/etc/gw"));
    for (String command : new String[] {"up", "serve", "calibrate", "traces import"}) {
      assertThat(out).contains(command + " --config-dir /etc/gw/gateway.json\n",
          command + " --config-dir given/gateway.json\n");
    }
    assertThat(out).contains("traces diagnose reads /etc/gw/breakers.json\n");
    assertThat(ChildJvm.run(PrintShared.class, Map.of())).contains("up --config-dir bundled config/gateway.json\n",
        "serve --config-dir bundled config/gateway.json\n", "calibrate --config-dir bundled config/gateway.json\n",
        "traces diagnose reads bundled config/breakers.json\n");
  }

  @Test
  void theTrafficTargetFollowsThePortVariablesInClientAndDrillUnlessGiven() throws Exception {
    String out = ChildJvm.run(PrintShared.class, Map.of("GW_PORT", "18080", "GW_MOCK_PORT", "18090"));
    for (String command : new String[] {"client", "drill"}) {
      assertThat(out).contains(command + " http://127.0.0.1:18080 http://127.0.0.1:18090 gw-demo-key\n",
          command + " http://gw.example:1 http://mock.example:2 my-key\n");
    }
  }

  @Test
  void theMockTimeScaleDefaultsToRealTimeInUpAndMockAndTakesAnOverride() {
    UpCommand up = new UpCommand();
    new CommandLine(up).parseArgs();
    MockCommand mock = new MockCommand();
    new CommandLine(mock).parseArgs();
    assertThat(up.timeScale.value).isEqualTo(1.0);
    assertThat(mock.timeScale.value).isEqualTo(1.0);
    new CommandLine(up).parseArgs("--time-scale", "0");
    new CommandLine(mock).parseArgs("--time-scale", "0.5");
    assertThat(up.timeScale.value).isZero();
    assertThat(mock.timeScale.value).isEqualTo(0.5);
  }

  /** Run in the child JVM: each command parsed without and with the shared options, their values printed. */
  public static final class PrintShared {
    public static void main(String[] args) {
      dataDir("up", new UpCommand(), c -> c.traceStore);
      dataDir("traces import", new TracesImportCommand(), c -> c.traceStore);
      dataDir("traces diagnose", new TracesDiagnoseCommand(), c -> c.traceStore);
      dataDir("audit verify", new AuditVerifyCommand(), c -> c.dataDir);
      configDir("up", new UpCommand(), c -> c.configDir);
      configDir("serve", new ServeCommand(), c -> c.configDir);
      configDir("calibrate", new CalibrateCommand(), c -> c.configDir);
      configDir("traces import", new TracesImportCommand(), c -> c.config);
      System.out.println("traces diagnose reads " + ConfigDirOption.fromEnvironment().describe("breakers.json"));
      traffic("client", new ClientCommand(), c -> c.target);
      traffic("drill", new DrillCommand(), c -> c.target);
    }

    private static <T> void dataDir(String name, T command, java.util.function.Function<T, DataDirOption> option) {
      new CommandLine(command).parseArgs();
      System.out.println(name + " --data-dir " + option.apply(command).dir);
      new CommandLine(command).parseArgs("--data-dir", "given");
      System.out.println(name + " --data-dir " + option.apply(command).dir);
    }

    private static <T> void configDir(String name, T command, java.util.function.Function<T, ConfigDirOption> option) {
      new CommandLine(command).parseArgs();
      System.out.println(name + " --config-dir " + option.apply(command).source().describe("gateway.json"));
      new CommandLine(command).parseArgs("--config-dir", "given");
      System.out.println(name + " --config-dir " + option.apply(command).source().describe("gateway.json"));
    }

    private static <T> void traffic(String name, T command, java.util.function.Function<T, TrafficTarget> option) {
      new CommandLine(command).parseArgs();
      TrafficTarget t = option.apply(command);
      System.out.println(name + " " + t.gateway + " " + t.mock + " " + t.key);
      new CommandLine(command).parseArgs("--gateway", "http://gw.example:1", "--mock", "http://mock.example:2",
          "--key", "my-key");
      t = option.apply(command);
      System.out.println(name + " " + t.gateway + " " + t.mock + " " + t.key);
    }
  }
}
