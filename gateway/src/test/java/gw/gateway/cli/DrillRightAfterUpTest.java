package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.drill.DrillTarget;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's order: {@code ./gw up}, then {@code ./gw drill} at once, with no warm-up. The system
 * starts through {@code up}'s own code (bundled config, demo credentials, the mock at real-time
 * latencies) on free ports and an empty data dir. The leak scenario is the one that needs a stored
 * request from before the fault, which a fresh system has only seconds of; the shipped timings
 * (30 s window, 10 s recovery hold) apply, with a 3 s fault.
 */
class DrillRightAfterUpTest {
  @TempDir Path dataDir;
  @TempDir Path outDir;

  @Test
  void aDrillRightAfterUpPassesAndReplaysACapturedRequest() throws Exception {
    UpCommand command = new UpCommand();
    new CommandLine(command).parseArgs("--port", "0", "--admin-port", "0", "--mock-port", "0",
        "--data-dir", dataDir.toString());
    Vertx vertx = Vertx.vertx();
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      UpCommand.Started up = command.start(vertx);
      String admin = "http://127.0.0.1:" + up.gateway().adminPort();
      String mock = "http://127.0.0.1:" + up.mock().actualPort();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new Main());
      cli.setErr(new PrintWriter(err, true));
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = cli.execute("drill", "--scenario", "DATA_INCIDENT", "--fault-seconds", "3", "--rate", "20",
            "--gateway", "http://127.0.0.1:" + up.gateway().port(), "--admin", admin, "--mock", mock,
            "--out", outDir.toString());
      } finally {
        System.setOut(stdout);
      }
      String drill = printed.toString(StandardCharsets.UTF_8);
      assertThat(code).as(drill + err).isZero();
      assertThat(drill).contains("System status: RECOVERED ✓", "| DATA_INCIDENT |", "| passed |")
          .doesNotContain("DRILL FAILED");

      Matcher replayed = Pattern.compile("\\[4/7] Replay of ([0-9a-f-]{36}) \\(from before the incident\\)").matcher(drill);
      assertThat(replayed.find()).as(drill).isTrue();
      try (DrillTarget target = new DrillTarget(vertx, admin, mock, "gw-admin-demo")) {
        JsonObject trace = target.trace(replayed.group(1));
        assertThat(trace.getJsonObject("request")).as("the replayed trace's captured request").isNotNull();
        assertThat(trace.getJsonArray("actions")).as("answered cleanly, before the leak").isEmpty();
      }
      up.gateway().close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
