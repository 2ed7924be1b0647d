package gw.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceValidatorTest {

  @Test
  void healthyRecordHasNoViolations() {
    assertThat(TraceValidator.violations(TraceFixtures.valid())).isEmpty();
    assertThat(TraceValidator.requireValid(TraceFixtures.valid())).isEqualTo(TraceFixtures.valid());
  }

  @Test
  void toolErrorAndLowRetrievalRecordsAreValid() {
    TraceRecord toolError = TraceFixtures.validBuilder()
        .toolCalls(List.of(new TraceRecord.ToolCall("lookup_order", null, null, 5000, false, "timeout")))
        .status("error").httpStatus(502).error("upstream timed out").build();
    TraceRecord lowRetrieval = TraceFixtures.validBuilder()
        .retrievedDocs(List.of(new TraceRecord.RetrievedDoc("kb/misc.md", 0.05, "unrelated"),
            new TraceRecord.RetrievedDoc("kb/old.md", 0.0, "stale")))
        .build();
    TraceRecord minimal = TraceFixtures.validBuilder()
        .retrievedDocs(null).toolCalls(null).tokens(null).costUsd(null).latency(null).spans(null)
        .quality(null).tags(null).actions(null).request(null).build();

    assertThat(TraceValidator.violations(toolError)).isEmpty();
    assertThat(TraceValidator.violations(lowRetrieval)).isEmpty();
    assertThat(TraceValidator.violations(minimal)).isEmpty();
  }

  static Stream<Arguments> brokenRecords() {
    return Stream.of(
        broken("trace_id must be a UUID like 123e4567-e89b-12d3-a456-426614174000, got \"abc\"",
            b -> b.traceId("abc")),
        broken("trace_id is required (a UUID)", b -> b.traceId(null)),
        broken("timestamp must be an ISO-8601 instant like 2025-03-14T12:30:45.123Z, got \"14/03/2025\"",
            b -> b.timestamp("14/03/2025")),
        broken("environment must be one of [dev, staging, production], got \"prod\"", b -> b.environment("prod")),
        broken("environment is required, one of [dev, staging, production]", b -> b.environment(null)),
        broken("customer_tier must be one of [free, pro, enterprise], got \"gold\"", b -> b.customerTier("gold")),
        broken("latency_ms must be a finite number >= 0, got -5", b -> b.latencyMs(-5)),
        broken("latency_ms must be a finite number >= 0, got NaN", b -> b.latencyMs(Double.NaN)),
        broken("latency.upstream_ms must be a finite number >= 0, got -1",
            b -> b.latency(new TraceRecord.Latency(1, -1, null))),
        broken("latency.ttft_ms must be a finite number >= 0, got -0.5",
            b -> b.latency(new TraceRecord.Latency(1, 1, -0.5))),
        broken("retrieved_docs[1].relevance_score must be in [0,1], got 1.3",
            b -> b.retrievedDocs(List.of(new TraceRecord.RetrievedDoc("a", 0.5, "x"),
                new TraceRecord.RetrievedDoc("b", 1.3, "y")))),
        broken("tool_calls[0].tool_name must not be blank",
            b -> b.toolCalls(List.of(new TraceRecord.ToolCall(" ", null, null, 1, true, null)))),
        broken("tool_calls[0].latency_ms must be a finite number >= 0, got -2",
            b -> b.toolCalls(List.of(new TraceRecord.ToolCall("t", null, null, -2, true, null)))),
        broken("tokens.total_tokens must equal prompt_tokens + completion_tokens (120 + 45 = 165), got 170",
            b -> b.tokens(new TraceRecord.Tokens(120, 45, 170, "provider"))),
        broken("tokens.prompt_tokens must be >= 0, got -1", b -> b.tokens(new TraceRecord.Tokens(-1, 1, 0, "provider"))),
        broken("cost_usd must be a finite number >= 0, got -0.01", b -> b.costUsd(-0.01)),
        broken("status must be one of [ok, error], got \"failed\"", b -> b.status("failed")),
        broken("error must describe the failure when status is \"error\"", b -> b.status("error").httpStatus(500)),
        broken("http_status must be in 100..599, got 600", b -> b.httpStatus(600)),
        broken("http_status must be in 100..599, got 0", b -> b.httpStatus(0)),
        broken("sampling is required (kept, reason, rate): every stored record says why it was kept",
            b -> b.sampling(null)),
        broken("sampling.reason must not be blank", b -> b.sampling(new TraceRecord.Sampling(true, "", 1))),
        broken("sampling.rate must be in [0,1], got 2", b -> b.sampling(new TraceRecord.Sampling(true, "random", 2))),
        broken("route must not be blank", b -> b.route("")),
        broken("tenant must not be blank", b -> b.tenant(null)),
        broken("tags[1] must not be null", b -> b.tags(java.util.Arrays.asList("a", null))),
        broken("spans[1].parent_span_id \"nope\" names no span in this record",
            b -> b.spans(List.of(span("s1", null), span("s2", "nope")))),
        broken("spans must have exactly one root span (parent_span_id null), found 2 [s1, s2]",
            b -> b.spans(List.of(span("s1", null), span("s2", null)))),
        broken("spans[1].span_id \"s1\" duplicates spans[0]",
            b -> b.spans(List.of(span("s1", null), span("s1", "s1")))),
        broken("spans[1] is part of a parent_span_id cycle and never reaches the root",
            b -> b.spans(List.of(span("root", null), span("a", "b"), span("b", "a")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRecords")
  void eachBrokenRuleIsReportedPrecisely(String expected, UnaryOperator<TraceRecordBuilder> breakIt) {
    TraceRecord record = breakIt.apply(TraceFixtures.validBuilder()).build();

    assertThat(TraceValidator.violations(record)).contains(expected);
    assertThatThrownBy(() -> TraceValidator.requireValid(record))
        .isInstanceOf(InvalidTraceException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void exceptionListsEveryViolation() {
    TraceRecord record = TraceFixtures.validBuilder().environment("prod").latencyMs(-1).httpStatus(42).build();

    assertThatThrownBy(() -> TraceValidator.requireValid(record))
        .isInstanceOfSatisfying(InvalidTraceException.class, e -> {
          assertThat(e.violations()).containsExactly(
              "environment must be one of [dev, staging, production], got \"prod\"",
              "latency_ms must be a finite number >= 0, got -1",
              "http_status must be in 100..599, got 42");
          assertThat(e.getMessage()).startsWith("trace record " + TraceFixtures.TRACE_ID + " rejected (3 violations): ");
        });
  }

  @Test
  void nullRecordIsAViolationNotACrash() {
    assertThat(TraceValidator.violations(null)).containsExactly("record must not be null");
  }

  private static Arguments broken(String expected, UnaryOperator<TraceRecordBuilder> breakIt) {
    return Arguments.of(expected, breakIt);
  }

  private static TraceRecord.Span span(String id, String parent) {
    return new TraceRecord.Span(id, parent, "x", TraceRecord.Span.KIND_LLM, 0, 1, "ok", null);
  }
}
