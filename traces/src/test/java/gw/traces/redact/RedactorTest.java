package gw.traces.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.TraceJson;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {
  private static final Redactor REDACTOR = Redactor.defaults();

  static List<RedactionCorpus> corpus() {
    return RedactionCorpus.rows();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void redactsCorpusRowExactly(RedactionCorpus row) {
    assertThat(REDACTOR.redact(row.text())).isEqualTo(row.expected());
    assertThat(REDACTOR.containsSensitive(row.text())).isEqualTo(!row.expected().equals(row.text()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void redactingTwiceChangesNothingMore(RedactionCorpus row) {
    assertThat(REDACTOR.redact(row.expected())).isEqualTo(row.expected());
  }

  @Test
  void corpusCoversEveryTypeWithPositiveAndNegativeRows() {
    List<RedactionCorpus> rows = corpus();
    String allExpected = rows.stream().map(RedactionCorpus::expected).collect(Collectors.joining("\n"));

    for (String type : REDACTOR.types()) {
      assertThat(allExpected).as("a corpus row producing %s", type).contains(Redactor.placeholder(type));
    }
    assertThat(rows.stream().filter(r -> r.text().equals(r.expected())).count()).isGreaterThanOrEqualTo(15);
  }

  @Test
  void countsEachTypeReplaced() {
    RedactionResult result = REDACTOR.redactWithCounts(
        "mail a@example.com or b@example.org, call 555-123-4567, key sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12");

    assertThat(result.counts()).isEqualTo(Map.of("email", 2, "phone", 1, "openai_key", 1));
    assertThat(result.total()).isEqualTo(4);
    assertThat(result.changed()).isTrue();
    assertThat(result.text()).isEqualTo("mail [REDACTED:email] or [REDACTED:email], call [REDACTED:phone],"
        + " key [REDACTED:openai_key]");
  }

  @Test
  void cleanTextIsReturnedAsIsWithNoCounts() {
    String text = "Refunds are available within 30 days of delivery.";

    RedactionResult result = REDACTOR.redactWithCounts(text);

    assertThat(result.text()).isSameAs(text);
    assertThat(result.counts()).isEmpty();
    assertThat(REDACTOR.redact(text)).isSameAs(text);
    assertThat(REDACTOR.redact(null)).isNull();
  }

  @Test
  void redactTreeRewritesStringValuesAtAnyDepthButNotKeys() throws Exception {
    JsonNode input = TraceJson.MAPPER.readTree("""
        {"jane@example.com": "owner jane@example.com",
         "messages": [{"role": "user", "content": "my ssn is 123-45-6789"}, "call 555-123-4567"],
         "n": 4111111111111111, "ok": true, "nested": {"deeper": ["AKIAIOSFODNN7EXAMPLE"]}}""");
    String before = input.toString();

    JsonNode output = REDACTOR.redactTree(input);

    assertThat(output.toString()).isEqualTo(TraceJson.MAPPER.readTree("""
        {"jane@example.com": "owner [REDACTED:email]",
         "messages": [{"role": "user", "content": "my ssn is [REDACTED:ssn]"}, "call [REDACTED:phone]"],
         "n": 4111111111111111, "ok": true, "nested": {"deeper": ["[REDACTED:aws_access_key]"]}}""").toString());
    assertThat(input.toString()).isEqualTo(before);
    assertThat(((ObjectNode) output).get("messages")).isNotSameAs(input.get("messages"));
  }

  @Test
  void redactTreeHandlesATextRoot() {
    assertThat(REDACTOR.redactTree(TraceJson.MAPPER.getNodeFactory().textNode("x a@b.io")).asText())
        .isEqualTo("x [REDACTED:email]");
  }

  @Test
  void isQuickOnTextWithoutSecrets() {
    String prose = "The customer asked about shipping times and the refund policy for large orders. ".repeat(120)
        + "Order ORD-2024-118734 was delivered on 2025-03-14 at 12:30:45 for $1,234.56.";
    int rounds = 2_000;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      assertThat(REDACTOR.redact(prose)).isSameAs(prose);
    }
    long micros = (System.nanoTime() - start) / 1_000 / rounds;
    System.out.printf("redact: %d chars of clean text in about %d us%n", prose.length(), micros);
  }
}
