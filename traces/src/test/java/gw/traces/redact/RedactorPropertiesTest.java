package gw.traces.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties checked on thousands of generated texts rather than hand-picked examples. */
class RedactorPropertiesTest {
  private static final int TEXTS = 5_000;
  private static final Redactor REDACTOR = Redactor.defaults();

  @Test
  void scanningOnlyWindowsAndLiteralsFindsWhatAWholeTextScanFinds() {
    PatternCatalog builtIn = PatternCatalog.builtIn();
    Redactor wholeTextScan = new Redactor(new PatternCatalog(
        builtIn.patterns().stream().map(SensitivePattern::scanningWholeText).toList(), builtIn.breaks()));
    RandomTexts texts = new RandomTexts(7);
    for (int i = 0; i < TEXTS; i++) {
      String text = texts.next();
      assertThat(REDACTOR.redact(text)).as("text %s", text).isEqualTo(wholeTextScan.redact(text));
    }
  }

  @Test
  void streamingAnyTextInAnyChunksEqualsRedactingItWhole() {
    RandomTexts texts = new RandomTexts(11);
    for (int i = 0; i < TEXTS; i++) {
      String text = texts.next();
      List<String> chunks = chunks(text, texts);
      StreamRedactor stream = REDACTOR.stream();
      StringBuilder out = new StringBuilder();
      chunks.forEach(chunk -> out.append(stream.push(chunk)));
      out.append(stream.finish());
      assertThat(out.toString()).as("chunks %s", chunks).isEqualTo(REDACTOR.redact(text));
    }
  }

  @Test
  void redactedTextHoldsNothingSensitive() {
    RandomTexts texts = new RandomTexts(13);
    for (int i = 0; i < TEXTS; i++) {
      String redacted = REDACTOR.redact(texts.next());
      assertThat(REDACTOR.containsSensitive(redacted)).as("redacted %s", redacted).isFalse();
    }
  }

  private static List<String> chunks(String text, RandomTexts random) {
    List<String> chunks = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int size = 1 + random.nextInt(16);
      chunks.add(text.substring(at, Math.min(text.length(), at + size)));
      at += size;
    }
    return chunks;
  }
}
