package gw.traces.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import gw.traces.TraceRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnoserTest {
  private final Diagnoser diagnoser = Diagnoser.withDefaults();

  private static TraceRecord healthy() {
    return ReferenceTraces.load("trace-a-normal-success.json");
  }

  private Diagnosis diagnose(String file) {
    return diagnoser.diagnose(ReferenceTraces.load(file));
  }

  @Test
  void traceAIsHealthy() {
    Diagnosis d = diagnose("trace-a-normal-success.json");
    assertThat(d.type()).isEqualTo(FailureType.HEALTHY);
    assertThat(d.summary()).isEqualTo("Healthy");
    assertThat(d.evidence()).isEmpty();
    assertThat(d.findings()).isEmpty();
    assertThat(d.traceId()).isEqualTo("019593ec-c859-7a41-89e2-b7d3f05a1c6e");
  }

  @Test
  void traceBIsARetrievalMismatch() {
    Diagnosis d = diagnose("trace-b-retrieval-mismatch.json");
    assertThat(d.type()).isEqualTo(FailureType.RETRIEVAL_MISMATCH);
    assertThat(d.summary()).contains("top score 0.21");
    assertThat(d.evidence()).contains("top retrieval score 0.21 < 0.30",
        "retrieved_docs: kb/account-profile.md 0.21, kb/store-locations.md 0.17, kb/gift-cards.md 0.12",
        "retrieval_query 'change address'");
    assertThat(d.findings()).extracting(Finding::type).containsExactly(FailureType.RETRIEVAL_MISMATCH);
  }

  @Test
  void traceCIsTheWrongPromptVersion() {
    Diagnosis d = diagnose("trace-c-wrong-prompt-ver.json");
    assertThat(d.type()).isEqualTo(FailureType.WRONG_PROMPT_VERSION);
    assertThat(d.summary()).isEqualTo(
        "Served by support-answer v1.0 instead of v2.0; the answer breaks the brand and citation rules");
    assertThat(d.evidence()).containsExactly("prompt_version v1.0, expected v2.0 for prompt support-answer",
        "quality failed_checks [brand_tone]", "answer cites none of the 2 retrieved documents");
  }

  @Test
  void traceDIsAToolTimeoutThatAlsoMadeItSlow() {
    Diagnosis d = diagnose("trace-d-tool-timeout.json");
    assertThat(d.type()).isEqualTo(FailureType.TOOL_TIMEOUT);
    assertThat(d.summary()).startsWith("Tool 'order_lookup' timed out after 5,000 ms");
    assertThat(d.evidence()).contains("tool 'order_lookup' failed: timeout after 5000 ms: order-service did not respond",
        "span tool.order_lookup status error, 5,000 ms");
    // the latency breach is a consequence, listed but not the diagnosis
    assertThat(d.findings()).extracting(Finding::type)
        .containsExactly(FailureType.TOOL_TIMEOUT, FailureType.SLOW_RESPONSE);
  }

  @Test
  void traceEIsAHallucination() {
    Diagnosis d = diagnose("trace-e-hallucination.json");
    assertThat(d.type()).isEqualTo(FailureType.HALLUCINATION);
    assertThat(d.evidence()).first().isEqualTo(
        "numbers 24, 97, 48, 4.5 in the answer appear in no retrieved document and not in the prompt");
    assertThat(d.findings()).hasSize(1);
  }

  @Test
  void traceFIsASlowResponse() {
    Diagnosis d = diagnose("trace-f-slow-response.json");
    assertThat(d.type()).isEqualTo(FailureType.SLOW_RESPONSE);
    assertThat(d.summary()).isEqualTo(
        "Latency 12,480 ms breaches the 5,000 ms SLA; the upstream gpt-4o-2024-08-06 call took 12,100 ms");
    assertThat(d.evidence()).contains(
        "latency 12,480 ms > 5,000 ms SLA; upstream 12,100 ms (97%), gateway 44 ms",
        "slowest span llm.call 12,100 ms");
  }

  @Test
  void aLongStreamIsSlowOnlyWhenItsFirstTokenIsLate() {
    TraceRecord longStream = ReferenceTraces.load("trace-f-slow-response.json").toBuilder().stream(true)
        .latency(new TraceRecord.Latency(44, 12_100, 610.0)).build();
    assertThat(diagnoser.diagnose(longStream).type()).isEqualTo(FailureType.HEALTHY);
    Diagnosis late = diagnoser.diagnose(longStream.toBuilder().latency(new TraceRecord.Latency(44, 12_100, 6_200.0)).build());
    assertThat(late.type()).isEqualTo(FailureType.SLOW_RESPONSE);
    assertThat(late.summary()).isEqualTo("Time to first token 6,200 ms breaches the 5,000 ms SLA");
  }

  @Test
  void aFailedRequestIsAnError() {
    TraceRecord r = healthy().toBuilder().status("error").httpStatus(502)
        .error("upstream returned 503: overloaded").outputText(null).build();
    Diagnosis d = diagnoser.diagnose(r);
    assertThat(d.type()).isEqualTo(FailureType.ERROR);
    assertThat(d.summary()).isEqualTo("Request failed with HTTP 502: upstream returned 503: overloaded");
    assertThat(d.evidence()).contains("status error, http_status 502");
  }

  @Test
  void aToolFailureThatIsNotATimeoutIsAnError() {
    TraceRecord r = healthy().toBuilder().toolCalls(List.of(new TraceRecord.ToolCall("order_lookup",
        JsonNodeFactory.instance.textNode("ORD-1"), null, 40, false, "404 order not found"))).build();
    Diagnosis d = diagnoser.diagnose(r);
    assertThat(d.type()).isEqualTo(FailureType.ERROR);
    assertThat(d.summary()).isEqualTo("Tool 'order_lookup' failed: 404 order not found");
  }

  @Test
  void aSlowFailedToolWithoutATimeoutMessageIsStillATimeout() {
    TraceRecord r = healthy().toBuilder().toolCalls(List.of(new TraceRecord.ToolCall("order_lookup",
        null, null, 5_000, false, "connection reset"))).build();
    assertThat(diagnoser.diagnose(r).type()).isEqualTo(FailureType.TOOL_TIMEOUT);
  }

  // Each rule with its value just on the healthy side.

  @Test
  void aTopScoreExactlyOnTheThresholdIsHealthy() {
    TraceRecord r = healthy().toBuilder().retrievedDocs(List.of(
        new TraceRecord.RetrievedDoc("kb/returns-policy.md", 0.30, "Items can be returned within 30 days."),
        new TraceRecord.RetrievedDoc("kb/gift-cards.md", 0.10, "Gift cards never expire."))).build();
    assertThat(diagnoser.diagnose(r).type()).isEqualTo(FailureType.HEALTHY);
    TraceRecord below = r.toBuilder().retrievedDocs(List.of(
        new TraceRecord.RetrievedDoc("kb/returns-policy.md", 0.29, "Items can be returned within 30 days."))).build();
    assertThat(diagnoser.diagnose(below).type()).isEqualTo(FailureType.RETRIEVAL_MISMATCH);
  }

  @Test
  void decliningAQuestionTheDocumentsDoNotCoverIsHealthy() {
    List<TraceRecord.RetrievedDoc> unrelated = List.of(
        new TraceRecord.RetrievedDoc("kb/gift-cards.md", 0.08, "Gift cards never expire."));
    TraceRecord refusal = healthy().toBuilder().retrievedDocs(unrelated).quality(null)
        .outputText("That question is outside what I can help with. I can answer questions about orders.").build();
    assertThat(diagnoser.diagnose(refusal).type()).isEqualTo(FailureType.HEALTHY);
    TraceRecord jsonRefusal = refusal.toBuilder()
        .outputText("{\"answer\":\"I'm sorry, but I can't help with that here.\",\"sources\":[]}").build();
    assertThat(diagnoser.diagnose(jsonRefusal).type()).isEqualTo(FailureType.HEALTHY);
    TraceRecord answeredAnyway = refusal.toBuilder().outputText("Gift cards never expire [kb/gift-cards.md].").build();
    assertThat(diagnoser.diagnose(answeredAnyway).type()).isEqualTo(FailureType.RETRIEVAL_MISMATCH);
    TraceRecord refusalCitingTheWrongDocument = refusal.toBuilder()
        .outputText("I'm sorry, but I can't say; gift cards never expire [kb/gift-cards.md].").build();
    assertThat(diagnoser.diagnose(refusalCitingTheWrongDocument).type()).isEqualTo(FailureType.RETRIEVAL_MISMATCH);
  }

  @Test
  void theFloorIsTheOneGiven() {
    TraceRecord r = healthy().toBuilder().retrievedDocs(List.of(
        new TraceRecord.RetrievedDoc("kb/returns-policy.md", 0.48, "Items can be returned within 30 days."))).build();
    assertThat(diagnoser.diagnose(r).type()).isEqualTo(FailureType.HEALTHY);
    Diagnoser stricter = new Diagnoser(DiagnosisRules.defaults().withMinTopRelevance(0.5));
    assertThat(stricter.diagnose(r).type()).isEqualTo(FailureType.RETRIEVAL_MISMATCH);
  }

  @Test
  void latencyExactlyAtTheSlaIsHealthy() {
    TraceRecord r = healthy().toBuilder().latencyMs(5_000).latency(new TraceRecord.Latency(20, 4_900, null)).build();
    assertThat(diagnoser.diagnose(r).type()).isEqualTo(FailureType.HEALTHY);
    TraceRecord over = r.toBuilder().latencyMs(5_001).build();
    assertThat(diagnoser.diagnose(over).type()).isEqualTo(FailureType.SLOW_RESPONSE);
  }

  @Test
  void aSlowToolThatSucceededIsHealthy() {
    TraceRecord r = healthy().toBuilder().toolCalls(List.of(new TraceRecord.ToolCall("order_lookup",
        null, JsonNodeFactory.instance.textNode("delivered"), 4_999, true, null))).build();
    assertThat(diagnoser.diagnose(r).type()).isEqualTo(FailureType.HEALTHY);
  }

  @Test
  void numbersFromTheDocumentsOrTheQuestionAndSingleDigitsAreGrounded() {
    TraceRecord r = healthy().toBuilder().inputText("Can I return order ORD-2025-118734 after 20 days?")
        .outputText("Yes: order ORD-2025-118734 is within the 30-day window, 10 days left, refund in 5-7 days.")
        .build();
    Diagnosis d = diagnoser.diagnose(r);
    // "10" is the one number in no document and not in the question
    assertThat(d.type()).isEqualTo(FailureType.HALLUCINATION);
    assertThat(d.evidence()).first().isEqualTo(
        "number 10 in the answer appears in no retrieved document and not in the prompt");
    TraceRecord grounded = r.toBuilder()
        .outputText("Yes: order ORD-2025-118734 is within the 30-day window; the refund takes 5-7 days.").build();
    assertThat(diagnoser.diagnose(grounded).type()).isEqualTo(FailureType.HEALTHY);
  }

  @Test
  void theExpectedPromptVersionIsMatchedExactlyAndOnlyForListedPrompts() {
    assertThat(diagnoser.diagnose(healthy().toBuilder().promptVersion("v2.0").build()).type())
        .isEqualTo(FailureType.HEALTHY);
    assertThat(diagnoser.diagnose(healthy().toBuilder().promptVersion("v2.0.1").build()).type())
        .isEqualTo(FailureType.WRONG_PROMPT_VERSION);
    assertThat(diagnoser.diagnose(healthy().toBuilder().promptId("other-prompt").promptVersion("v0.1").build())
        .type()).isEqualTo(FailureType.HEALTHY);
  }

  @Test
  void rulesCanBeOverridden() {
    Diagnoser strict = new Diagnoser(new DiagnosisRules(0.95, 1_000, 2_000, 0, Map.of("support-answer", "v3.0")));
    Diagnosis d = strict.diagnose(healthy());
    assertThat(d.findings()).extracting(Finding::type).containsExactly(
        FailureType.WRONG_PROMPT_VERSION, FailureType.RETRIEVAL_MISMATCH, FailureType.SLOW_RESPONSE);
    assertThat(d.evidence()).first().isEqualTo("prompt_version v2.0, expected v3.0 for prompt support-answer");
    Diagnoser relaxed = new Diagnoser(DiagnosisRules.defaults().withSlaMs(15_000));
    assertThat(relaxed.diagnose(ReferenceTraces.load("trace-f-slow-response.json")).type())
        .isEqualTo(FailureType.HEALTHY);
  }

  @Test
  void rulesRejectNonsense() {
    assertThatThrownBy(() -> new DiagnosisRules(1.5, 5_000, 5_000, 0, Map.of()))
        .hasMessageContaining("minTopRelevance");
    assertThatThrownBy(() -> DiagnosisRules.defaults().withSlaMs(0)).hasMessageContaining("slaMs");
  }
}
