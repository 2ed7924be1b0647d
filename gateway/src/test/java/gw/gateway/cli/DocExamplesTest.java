package gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocExamplesTest {
  @TempDir Path dir;

  @Test
  void readsContinuedAndMultiLineCommandsWithTheirExpectations() throws Exception {
    Path doc = dir.resolve("DOC.md");
    Files.write(doc, List.of(
        "text",
        "```bash",
        "curl -s http://127.0.0.1:8080/a \\",
        "  -H 'x: y'        # -> 429, Retry-After: 5, then prose",
        "curl -s -d '{",
        "  \"a\": \"# not a comment\"}' http://127.0.0.1:8081/b",
        "# -> 201",
        "curl -s -X DELETE http://127.0.0.1:8090/chaos   # back to normal",
        "./gw client --requests 3",
        "```",
        "```json",
        "curl -s http://127.0.0.1:8080/ignored   # -> 200",
        "```"));
    List<DocExamples.Block> blocks = DocExamples.blocks(doc, "DOC.md");
    assertThat(blocks).hasSize(1);
    List<DocExamples.Example> examples = blocks.get(0).examples();
    assertThat(examples).extracting(DocExamples.Example::where).containsExactly("DOC.md:3", "DOC.md:5", "DOC.md:8");
    assertThat(examples.get(0).command()).isEqualTo("curl -s http://127.0.0.1:8080/a    -H 'x: y'");
    assertThat(examples.get(0).status()).isEqualTo(429);
    assertThat(examples.get(0).headers()).isEqualTo(Map.of("Retry-After", "5"));
    assertThat(examples.get(1).command()).contains("# not a comment").endsWith("http://127.0.0.1:8081/b");
    assertThat(examples.get(1).status()).isEqualTo(201);
    assertThat(examples.get(2).checked()).isFalse();
  }
}
