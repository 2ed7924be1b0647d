package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The docs' {@code curl} examples, run as written against what {@code ./gw up} starts (its own code,
 * bundled config, demo credentials, the mock answering at once) on free ports: every example whose
 * comment says what comes back ({@code # -> 429, Retry-After: 5}) must get that status and those
 * headers. Each such code block gets a fresh system and runs its {@code curl} lines in order, the
 * unchecked ones too (chaos set up, then cleared), so a block's state is its own. Lines that are not
 * {@code curl} (shell functions, loops, {@code ./gw} commands) are not run; docs/USAGE.md says which
 * blocks are covered.
 */
class DocsCommandsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path work;

  @TestFactory
  Stream<DynamicTest> everyCheckedExampleAnswersAsItsDocSays() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : docs()) {
      for (DocExamples.Block block : DocExamples.blocks(doc, ROOT.relativize(doc).toString())) {
        if (block.checked()) {
          tests.add(DynamicTest.dynamicTest(block.where(), () -> run(block)));
        }
      }
    }
    assertThat(tests).as("checked example blocks in README.md and docs/").hasSizeGreaterThanOrEqualTo(8);
    return tests.stream();
  }

  private static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  private void run(DocExamples.Block block) throws Exception {
    Path data = Files.createTempDirectory(work, "data");
    UpCommand up = new UpCommand();
    new CommandLine(up).parseArgs("--port", "0", "--admin-port", "0", "--mock-port", "0", "--time-scale", "0",
        "--data-dir", data.toString());
    Vertx vertx = Vertx.vertx();
    try {
      UpCommand.Started system = up.start(vertx);
      Map<String, String> ports = Map.of("8080", "" + system.gateway().port(),
          "8081", "" + system.gateway().adminPort(), "8090", "" + system.mock().actualPort());
      for (DocExamples.Example example : block.examples()) {
        String command = example.command();
        for (Map.Entry<String, String> port : ports.entrySet()) {
          command = command.replace("127.0.0.1:" + port.getKey(), "127.0.0.1:" + port.getValue());
        }
        check(example, execute(command));
      }
      system.gateway().close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The status line and headers of the last response, as {@code curl -D} wrote them. */
  private String execute(String command) throws Exception {
    Path headers = Files.createTempFile(work, "headers", ".txt");
    Process p = new ProcessBuilder("bash", "-c", command + " -D " + headers + " > /dev/null")
        .directory(work.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("finished in 15 s: " + command).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("curl's exit status for " + command + "\n" + output).isZero();
    String all = Files.readString(headers);
    int last = all.lastIndexOf("HTTP/");
    return last < 0 ? all : all.substring(last);
  }

  private static void check(DocExamples.Example example, String response) {
    if (!example.checked()) {
      return;
    }
    String statusLine = response.lines().findFirst().orElse("");
    assertThat(statusLine).as(example.where() + ": " + example.command() + "\n" + response)
        .matches("HTTP/\\S+ " + example.status() + "\\b.*");
    example.headers().forEach((name, value) -> {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      List<String> values = response.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
          .flatMap(l -> Stream.of(l.substring(prefix.length()).split(","))).map(String::trim).toList();
      assertThat(values).as(example.where() + ": header " + name + "\n" + response).contains(value);
    });
  }
}
