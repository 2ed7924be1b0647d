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

  private static final String WHOLE_CORPUS = "whole corpus as one text";

  static List<RedactionCorpus> corpus() {
    List<RedactionCorpus> rows = new ArrayList<>(RedactionCorpus.rows());
    String all = String.join(" ", rows.stream().map(RedactionCorpus::text).toList());
    rows.add(new RedactionCorpus(WHOLE_CORPUS, all, REDACTOR.redact(all)));
    return rows;
  }

  /** Every row is split at every position; the rows joined (7,000 characters) at every 7th, to stay quick. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void anyTwoChunkSplitGivesTheWholeTextRedaction(RedactionCorpus row) {
    String text = row.text();
    int step = row.name().equals(WHOLE_CORPUS) ? 7 : 1;
    for (int split = 0; split <= text.length(); split += step) {
      String streamed = stream(List.of(text.substring(0, split), text.substring(split)));
      assertThat(streamed).as("split at %d", split).isEqualTo(row.expected());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void randomMultiChunkSplitsGiveTheWholeTextRedaction(RedactionCorpus row) {
    SplittableRandom random = new SplittableRandom(row.name().hashCode());
    int rounds = row.name().equals(WHOLE_CORPUS) ? 40 : 200;
    for (int round = 0; round < rounds; round++) {
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

  @Test
  void aPrivateKeyIsHeldFromItsBeginLineUntilItsEnd() {
    StreamRedactor stream = REDACTOR.stream();

    String before = stream.push(
        "Here it is:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq7BFUpkGp3+LQmlQYx2eqzDV\n");
    String during = stream.push("A72wSeukEPojtqUyX2J0CciKXOb8RMNHPmsH9K3r\n");
    String after = stream.push("-----END RSA PRIVATE KEY-----\nDone.");

    assertThat(before).isEqualTo("Here it is:\n");
    assertThat(during).isEmpty();
    assertThat(after + stream.finish()).isEqualTo("[REDACTED:private_key]\nDone.");
  }

  @Test
  void aKeyLongerThanTheBlockBoundIsEmittedRedactedAndItsRestStillRecognised() {
    String line = "MIIEowIBAAKCAQEAq7BFUpkGp3+LQmlQYx2eqzDVxeG8kx/sQFV18S5JhzGeIJN\n";
    String key = "-----BEGIN PRIVATE KEY-----\n" + line.repeat(2 * StreamRedactor.MAX_BLOCK_CHARS / line.length())
        + "-----END PRIVATE KEY-----\n";
    StreamRedactor stream = REDACTOR.stream();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < key.length(); i += 100) {
      out.append(stream.push(key.substring(i, Math.min(key.length(), i + 100))));
      assertThat(stream.heldChars()).isLessThanOrEqualTo(StreamRedactor.MAX_BLOCK_CHARS);
    }
    out.append(stream.push("after the key")).append(stream.finish());

    assertThat(out.toString()).doesNotContain("MIIEow").doesNotContain("END PRIVATE")
        .startsWith("[REDACTED:private_key]").endsWith("\nafter the key");
  }

  @Test
  void anUnreplacedLongKeyIsEmittedOnceAsItCame() {
    String line = "MIIEowIBAAKCAQEAq7BFUpkGp3+LQmlQYx2eqzDVxeG8kx/sQFV18S5JhzGeIJN\n";
    String text = "-----BEGIN PRIVATE KEY-----\n" + line.repeat(2 * StreamRedactor.MAX_BLOCK_CHARS / line.length())
        + "-----END PRIVATE KEY-----\nthe end";
    StreamRedactor observing = REDACTOR.stream(match -> false);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i += 333) {
      out.append(observing.push(text.substring(i, Math.min(text.length(), i + 333))));
    }

    assertThat(out.append(observing.finish()).toString()).isEqualTo(text);
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
