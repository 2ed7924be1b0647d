package gw.traces.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.TraceFixtures;
import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordRedactionTest {
  private static final String EMAIL = "jane.doe@example.com";
  private static final String KEY = "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34";

  @Test
  void everyFreeTextFieldIsRedacted() throws Exception {
    TraceRecord leaky = leakyRecord();
    String before = TraceJson.MAPPER.writeValueAsString(leaky);

    TraceRecord redacted = Redactor.defaults().redactRecord(leaky);

    String json = TraceJson.MAPPER.writeValueAsString(redacted);
    assertThat(json).doesNotContain(EMAIL, KEY, "555-123-4567", "10.1.2.3");
    assertThat(redacted.inputText()).isEqualTo("from [REDACTED:email]");
    assertThat(redacted.request().at("/messages/0/content").asText()).isEqualTo("key [REDACTED:openai_key]");
    assertThat(redacted.retrievedDocs().get(0).content()).isEqualTo("call [REDACTED:phone]");
    assertThat(redacted.retrievedDocs().get(0).source()).isEqualTo("mailto:[REDACTED:email]");
    assertThat(redacted.toolCalls().get(0).input().get("q").asText()).isEqualTo("[REDACTED:email]");
    assertThat(redacted.toolCalls().get(0).error()).isEqualTo("denied for [REDACTED:ipv4]");
    assertThat(redacted.tags()).containsExactly("user:[REDACTED:email]");
    assertThat(redacted.spans().get(1).attributes()).containsEntry("db.user", "[REDACTED:email]");
    assertThat(TraceJson.MAPPER.writeValueAsString(leaky)).isEqualTo(before);
  }

  @Test
  void structuralFieldsStayIntactAndRecordStaysValid() {
    TraceRecord leaky = leakyRecord();

    TraceRecord redacted = Redactor.defaults().redactRecord(leaky);

    assertThat(redacted.traceId()).isEqualTo(leaky.traceId());
    assertThat(redacted.requestId()).isEqualTo(leaky.requestId());
    assertThat(redacted.timestamp()).isEqualTo(leaky.timestamp());
    assertThat(redacted.environment()).isEqualTo(leaky.environment());
    assertThat(redacted.route()).isEqualTo(leaky.route());
    assertThat(redacted.userIdHash()).isEqualTo(leaky.userIdHash());
    assertThat(redacted.replayOf()).isEqualTo(leaky.replayOf());
    assertThat(redacted.sampling()).isEqualTo(leaky.sampling());
    assertThat(redacted.tokens()).isEqualTo(leaky.tokens());
    assertThat(redacted.spans()).extracting(TraceRecord.Span::spanId, TraceRecord.Span::parentSpanId)
        .isEqualTo(leaky.spans().stream()
            .map(s -> org.assertj.core.groups.Tuple.tuple(s.spanId(), s.parentSpanId())).toList());
    assertThat(TraceValidator.violations(redacted)).isEmpty();
  }

  @Test
  void cleanRecordComesBackUnchanged() {
    TraceRecord clean = TraceFixtures.valid();

    assertThat(Redactor.defaults().redactRecord(clean)).isSameAs(clean);
  }

  @Test
  void aMapIsCopiedInItsOrderFromTheFirstChangedValueOnAndACleanOneIsShared() {
    Map<String, Object> attributes = new java.util.LinkedHashMap<>();
    attributes.put("a", "plain");
    attributes.put("b", 3);
    attributes.put("c", "mail " + EMAIL);
    attributes.put("d", "also plain");
    Map<String, Object> clean = Map.of("tenant", "acme");
    TraceRecord record = TraceFixtures.validBuilder().spans(List.of(
        new TraceRecord.Span("s1", null, "gateway.request", "request", 0, 10, "ok", clean),
        new TraceRecord.Span("s2", "s1", "tool", "tool", 1, 2, "ok", attributes))).build();

    TraceRecord redacted = Redactor.defaults().redactRecord(record);

    assertThat(redacted.spans().get(0).attributes()).isSameAs(clean);
    assertThat(redacted.spans().get(1).attributes()).containsExactly(
        Map.entry("a", "plain"), Map.entry("b", 3), Map.entry("c", "mail [REDACTED:email]"),
        Map.entry("d", "also plain"));
  }

  private static TraceRecord leakyRecord() {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.putArray("messages").addObject().put("role", "user").put("content", "key " + KEY);
    ObjectNode toolInput = JsonNodeFactory.instance.objectNode().put("q", EMAIL);
    List<TraceRecord.Span> spans = List.of(
        new TraceRecord.Span("s1", null, "gateway.request", "request", 0, 10, "ok", null),
        new TraceRecord.Span("s2", "s1", "tool", "tool", 1, 2, "ok", Map.of("db.user", EMAIL, "rows", 3)));
    return TraceFixtures.validBuilder()
        .requestId("123e4567-e89b-12d3-a456-426614174000")
        .replayOf("9b2f3c4d-1e2f-4a5b-8c7d-6e5f4a3b2c1d")
        .inputText("from " + EMAIL)
        .outputText("reach us at 555-123-4567")
        .request(request)
        .retrievalQuery("orders of " + EMAIL)
        .retrievedDocs(List.of(new TraceRecord.RetrievedDoc("mailto:" + EMAIL, 0.8, "call 555-123-4567")))
        .toolCalls(List.of(new TraceRecord.ToolCall("crm", toolInput,
            JsonNodeFactory.instance.arrayNode().add(EMAIL), 3, false, "denied for 10.1.2.3")))
        .status("error").httpStatus(500).error("upstream said: invalid key " + KEY)
        .feature("support " + EMAIL)
        .tags(List.of("user:" + EMAIL))
        .spans(spans)
        .build();
  }
}
