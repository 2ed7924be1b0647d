package gw.traces.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreamRedactorTest {
  private static final Redactor REDACTOR = Redactor.defaults();

  static List<RedactionCorpus> corpus() {
    List<RedactionCorpus> rows = new ArrayList<>(RedactionCorpus.rows());
    String all = String.join(" ", rows.stream().map(RedactionCorpus::text).toList());
    rows.add(new RedactionCorpus("whole corpus as one text", all, REDACTOR.redact(all)));
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void anyTwoChunkSplitGivesTheWholeTextRedaction(RedactionCorpus row) {
    String text = row.text();
    for (int split = 0; split <= text.length(); split++) {
      String streamed = stream(List.of(text.substring(0, split), text.substring(split)));
      assertThat(streamed).as("split at %d", split).isEqualTo(row.expected());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void randomMultiChunkSplitsGiveTheWholeTextRedaction(RedactionCorpus row) {
    SplittableRandom random = new SplittableRandom(row.name().hashCode());
    for (int round = 0; round < 200; round++) {
      List<String> chunks = randomChunks(row.text(), random);
      assertThat(stream(chunks)).as("chunks %s", chunks).isEqualTo(row.expected());
    }
  }

  @Test
  void emailSplitAcrossChunksNeverLeaks() {
    StreamRedactor stream = REDACTOR.stream();

    String first = stream.push("write to jane.do");
    String second = stream.push("e@example.com today");
    String rest = stream.finish();

    assertThat(first).isEqualTo("write to ");
    assertThat(first + second + rest).isEqualTo("write to [REDACTED:email] today");
  }

  @Test
  void proseIsEmittedWordByWordNotHeldToTheEnd() {
    StreamRedactor stream = REDACTOR.stream();

    // a trailing space waits for the next character: ":" or "=" after it could start a labelled secret
    assertThat(stream.push("Refunds are available ")).isEqualTo("Refunds are ");
    assertThat(stream.push("within thirty")).isEqualTo("available within ");
    assertThat(stream.heldChars()).isEqualTo("thirty".length());
  }

  @Test
  void holdBackIsBoundedWhenNoSafeBreakComes() {
    StreamRedactor stream = REDACTOR.stream();
    StringBuilder out = new StringBuilder();
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      String chunk = i + " ";
      in.append(chunk);
      out.append(stream.push(chunk));
      assertThat(stream.heldChars()).isLessThanOrEqualTo(StreamRedactor.MAX_HELD_CHARS);
    }
    out.append(stream.finish());

    assertThat(out.length()).isGreaterThan(0);
    assertThat(out.toString()).isEqualTo(in.toString());
  }

  @Test
  void forcedEmitDoesNotSplitADetectedSecret() {
    String digits = "1 ".repeat(300);
    String text = digits + "card 4111 1111 1111 1111 " + digits;
    StringBuilder out = new StringBuilder();
    StreamRedactor stream = REDACTOR.stream();
    for (int i = 0; i < text.length(); i += 7) {
      out.append(stream.push(text.substring(i, Math.min(text.length(), i + 7))));
      assertThat(stream.heldChars()).isLessThanOrEqualTo(StreamRedactor.MAX_HELD_CHARS);
    }
    out.append(stream.finish());

    assertThat(out.toString()).doesNotContain("4111").contains("[REDACTED:credit_card]");
  }

  private static String stream(List<String> chunks) {
    StreamRedactor stream = REDACTOR.stream();
    StringBuilder out = new StringBuilder();
    for (String chunk : chunks) {
      out.append(stream.push(chunk));
    }
    return out.append(stream.finish()).toString();
  }

  private static List<String> randomChunks(String text, SplittableRandom random) {
    List<String> chunks = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int size = 1 + random.nextInt(12);
      chunks.add(text.substring(at, Math.min(text.length(), at + size)));
      at += size;
    }
    return chunks;
  }
}
