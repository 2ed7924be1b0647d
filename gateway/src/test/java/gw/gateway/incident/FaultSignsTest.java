package gw.gateway.incident;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.ConfigSource;
import gw.gateway.detect.Thresholds;
import gw.gateway.policy.breaker.BreakersConfig;
import gw.traces.TraceRecord;
import gw.traces.TraceRecordBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which traces an incident marks {@code shows_fault}, with the shipped lines (p95 waits' yellow 5 s,
 * 20 tokens/s, retrieval 1 document / score 0.3, cost $0.05 / 4,000 tokens): a trace showing the
 * class's fault, and never a healthy one, however long its answer.
 */
class FaultSignsTest {
  private final FaultSigns signs = new FaultSigns(Thresholds.load(ConfigSource.bundled()),
      BreakersConfig.load(ConfigSource.bundled()));

  /** A healthy RAG answer: 1.2 s, 300 output tokens, good documents, quality passed, $0.001. */
  private static TraceRecordBuilder healthy() {
    return TraceRecord.builder().traceId("t").timestamp("2026-03-02T09:00:00Z").route("/v1/chat/completions")
        .modelRequested("gpt-4o").status(TraceRecord.STATUS_OK).httpStatus(200).latencyMs(1_200)
        .tokens(new TraceRecord.Tokens(900, 300, 1_200, TraceRecord.Tokens.FROM_PROVIDER)).costUsd(0.001)
        .retrievedDocs(List.of(new TraceRecord.RetrievedDoc("kb/returns.md", 0.9, "Returns within 30 days.")))
        .toolCalls(List.of()).quality(new TraceRecord.Quality(true, 1.0, List.of())).actions(List.of())
        .spans(spans(span("retrieval", "ok", Map.of()), span("llm", "ok", Map.of("http_status", 200))));
  }

  private static TraceRecord.Span span(String kind, String status, Map<String, Object> attributes) {
    return new TraceRecord.Span("0000000000000001", null, kind, kind, 0, 10, status, attributes);
  }

  private static List<TraceRecord.Span> spans(TraceRecord.Span... spans) {
    List<TraceRecord.Span> all = new ArrayList<>(List.of(span("request", "ok", Map.of())));
    all.addAll(List.of(spans));
    return all;
  }

  private static TraceRecordBuilder failed(String error, int httpStatus) {
    return healthy().status(TraceRecord.STATUS_ERROR).error(error).httpStatus(httpStatus).tokens(null).quality(null);
  }

  private boolean shows(IncidentClass c, TraceRecordBuilder trace) {
    return signs.shows(c, trace.build());
  }

  @Test
  void aHealthyTraceShowsNoClassFault() {
    for (IncidentClass c : IncidentClass.values()) {
      assertThat(shows(c, healthy())).as(c.name()).isFalse();
    }
  }

  @Test
  void performanceIsTheProviderFailingOrMakingTheCallerWaitNotALongAnswer() {
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, healthy().latencyMs(8_500)
        .tokens(new TraceRecord.Tokens(900, 600, 1_500, TraceRecord.Tokens.FROM_PROVIDER))))
        .as("600 tokens in 8.5 s: a long answer at a normal pace").isFalse();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, healthy().latencyMs(8_500)))
        .as("300 tokens in 8.5 s: less than they take at 20 tokens/s").isFalse();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, healthy().latencyMs(12_000)
        .tokens(new TraceRecord.Tokens(900, 20, 920, TraceRecord.Tokens.FROM_PROVIDER))))
        .as("20 tokens after 12 s: waited").isTrue();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, healthy().stream(true).latencyMs(30_000)
        .latency(new TraceRecord.Latency(1, 29_999, 800.0))
        .tokens(new TraceRecord.Tokens(900, 1_500, 2_400, TraceRecord.Tokens.FROM_PROVIDER))))
        .as("a long stream with a quick first token").isFalse();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, healthy().stream(true).latencyMs(7_000)
        .latency(new TraceRecord.Latency(1, 6_999, 6_500.0)))).as("first token after 6.5 s").isTrue();

    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, failed("upstream_http_500: boom", 500))).isTrue();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, failed("upstream_timeout: no answer in 30000 ms", 504)))
        .isTrue();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, failed("upstream_stream_truncated", 200)))
        .as("a stream broken after its headers").isTrue();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, healthy().spans(spans(
        span("llm", "error", Map.of("http_status", 503)), span("llm", "ok", Map.of("http_status", 200))))))
        .as("answered by a retry after the provider's 503").isTrue();

    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, failed("invalid_api_key: unknown key", 401)))
        .as("the caller's bad key").isFalse();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, failed("rate_limit_rpm: over 60 requests a minute", 429)))
        .as("the gateway's own limit").isFalse();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, failed("upstream_http_400: bad messages", 400)))
        .as("the provider refusing the caller's invalid request").isFalse();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, failed("client_disconnected", 499))).isFalse();
    assertThat(shows(IncidentClass.PERFORMANCE_DEGRADATION, failed("breaker_open: failing fast", 503)
        .spans(spans(span("llm", "error", Map.of("http_status", 0, "error", "breaker_open"))))))
        .as("the breaker's fail-fast is the mitigation").isFalse();
  }

  @Test
  void retrievalIsABadRetrievalOfARagRequestOrAFailedTool() {
    assertThat(shows(IncidentClass.RETRIEVAL_OUTAGE, healthy().retrievedDocs(List.of())
        .spans(spans(span("llm", "ok", Map.of("http_status", 200)))))).as("no retrieval: not a RAG request").isFalse();
    assertThat(shows(IncidentClass.RETRIEVAL_OUTAGE, healthy()
        .retrievedDocs(List.of(new TraceRecord.RetrievedDoc("kb/returns.md", 0.9, null)))))
        .as("content not kept (a leak elsewhere): the scores still say it was good").isFalse();
    assertThat(shows(IncidentClass.RETRIEVAL_OUTAGE, healthy().retrievedDocs(List.of()))).isTrue();
    assertThat(shows(IncidentClass.RETRIEVAL_OUTAGE, healthy()
        .retrievedDocs(List.of(new TraceRecord.RetrievedDoc("kb/returns.md", 0.2, "off topic"))))).isTrue();
    assertThat(shows(IncidentClass.RETRIEVAL_OUTAGE, healthy().toolCalls(List.of(
        new TraceRecord.ToolCall("search_kb", null, null, 5_000, false, "timeout"))))).isTrue();
  }

  @Test
  void costIsASpikeAsTheBreakerCountsThem() {
    assertThat(shows(IncidentClass.COST_SPIKE, healthy().tokens(new TraceRecord.Tokens(3_000, 900, 3_900,
        TraceRecord.Tokens.FROM_PROVIDER)).costUsd(0.02))).as("large but under both lines").isFalse();
    assertThat(shows(IncidentClass.COST_SPIKE, healthy().tokens(new TraceRecord.Tokens(5_000, 100, 5_100,
        TraceRecord.Tokens.FROM_PROVIDER)))).isTrue();
    assertThat(shows(IncidentClass.COST_SPIKE, healthy().costUsd(0.06))).isTrue();
  }

  @Test
  void qualityIsAFailedProxyAndALeakIsTheLeakBreakersAction() {
    assertThat(shows(IncidentClass.QUALITY_DEGRADATION,
        healthy().quality(new TraceRecord.Quality(false, 0.5, List.of("brand_tone"))))).isTrue();
    assertThat(shows(IncidentClass.DATA_INCIDENT, healthy().actions(List.of("data_incident/redact")))).isTrue();
    assertThat(shows(IncidentClass.DATA_INCIDENT, healthy().actions(List.of("cost_spike/cap_max_tokens"))))
        .as("another breaker's action").isFalse();
  }
}
