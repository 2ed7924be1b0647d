package gw.traces;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid trace records for tests; change what a test is about through {@link #validBuilder()}. */
public final class TraceFixtures {
  public static final String TRACE_ID = "3f0c2a9e-5b1d-4c7e-9a2f-8d6b4e1c0a7f";
  public static final String TIMESTAMP = "2025-03-14T12:30:45.123Z";

  private TraceFixtures() {}

  /** A healthy RAG request with one tool call and a complete span tree. */
  public static TraceRecord valid() {
    return validBuilder().build();
  }

  public static TraceRecordBuilder validBuilder() {
    return TraceRecord.builder()
        .traceId(TRACE_ID)
        .requestId("req-7781")
        .sessionId("sess-42")
        .conversationId("conv-9")
        .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .timestamp(TIMESTAMP)
        .environment("production")
        .customerTier("pro")
        .tenant("acme")
        .team("support")
        .feature("refund-assistant")
        .route("/v1/chat/completions")
        .promptId("refund-answer")
        .promptVersion("v2.1")
        .modelRequested("gpt-4o-mini")
        .modelServed("gpt-4o-mini-2024-07-18")
        .temperature(0.2)
        .stream(false)
        .inputText("How do I get a refund for order ORD-2024-118734?")
        .outputText("You can request a refund within 30 days from the orders page.")
        .request(request())
        .retrievalQuery("refund policy")
        .retrievedDocs(List.of(
            new TraceRecord.RetrievedDoc("kb/refunds.md", 0.91, "Refunds are available within 30 days."),
            new TraceRecord.RetrievedDoc("kb/shipping.md", 0.42, "Shipping takes 3-5 business days.")))
        .toolCalls(List.of(new TraceRecord.ToolCall("lookup_order", text("ORD-2024-118734"),
            text("status: delivered"), 35.5, true, null)))
        .tokens(new TraceRecord.Tokens(120, 45, 165, TraceRecord.Tokens.FROM_PROVIDER))
        .costUsd(0.000045)
        .latencyMs(812.5)
        .latency(new TraceRecord.Latency(12.5, 800.0, null))
        .status(TraceRecord.STATUS_OK)
        .httpStatus(200)
        .quality(new TraceRecord.Quality(true, 1.0, List.of()))
        .actions(List.of())
        .sampling(new TraceRecord.Sampling(true, "random", 0.1))
        .userIdHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .tags(List.of("env:production", "tier:pro"))
        .spans(spans());
  }

  /** A valid record with a fresh id at the given instant. */
  public static TraceRecord at(Instant timestamp) {
    return validBuilder().traceId(UUID.randomUUID().toString()).timestamp(timestamp.toString()).build();
  }

  /** {@code count} valid records 10 ms apart, from 2025-03-14T12:00:00Z. */
  public static List<TraceRecord> series(int count) {
    Instant base = Instant.parse("2025-03-14T12:00:00Z");
    List<TraceRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(at(base.plusMillis(i * 10L)));
    }
    return records;
  }

  public static List<TraceRecord.Span> spans() {
    return List.of(
        new TraceRecord.Span("s1", null, "gateway.request", TraceRecord.Span.KIND_REQUEST, 0, 812.5, "ok",
            Map.of("http.route", "/v1/chat/completions")),
        new TraceRecord.Span("s2", "s1", "retrieval", TraceRecord.Span.KIND_RETRIEVAL, 2, 30, "ok", null),
        new TraceRecord.Span("s3", "s1", "llm.call", TraceRecord.Span.KIND_LLM, 35, 760, "ok",
            Map.of("gen_ai.request.model", "gpt-4o-mini", "attempt", 1)),
        new TraceRecord.Span("s4", "s3", "tool.lookup_order", TraceRecord.Span.KIND_TOOL, 40, 35.5, "ok", null));
  }

  private static ObjectNode request() {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("model", "gpt-4o-mini");
    request.putArray("messages").addObject()
        .put("role", "user").put("content", "How do I get a refund for order ORD-2024-118734?");
    return request;
  }

  private static com.fasterxml.jackson.databind.JsonNode text(String value) {
    return JsonNodeFactory.instance.textNode(value);
  }
}
