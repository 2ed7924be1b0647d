package gw.traces;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One request as the gateway saw it. Field names on the wire and in the store are snake_case
 * (the seed's trace schema); {@link TraceValidator} decides whether a record may be stored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceRecord(
    String traceId,
    String requestId,
    String sessionId,
    String conversationId,
    String traceparent,
    String timestamp,
    String environment,
    String customerTier,
    String tenant,
    String team,
    String feature,
    String route,
    String promptId,
    String promptVersion,
    String modelRequested,
    String modelServed,
    Double temperature,
    boolean stream,
    String inputText,
    String outputText,
    // Why the model stopped ("stop", "length", "tool_calls"), one per choice; omitted when unknown.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> finishReasons,
    JsonNode request,
    String retrievalQuery,
    List<RetrievedDoc> retrievedDocs,
    List<ToolCall> toolCalls,
    Tokens tokens,
    Double costUsd,
    double latencyMs,
    Latency latency,
    String status,
    int httpStatus,
    String error,
    Quality quality,
    List<String> actions,
    // What a breaker in observe mode would have done; nothing of it was. Omitted when empty.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> observedActions,
    Sampling sampling,
    String userIdHash,
    String replayOf,
    List<String> tags,
    List<Span> spans) {

  public static final String STATUS_OK = "ok";
  public static final String STATUS_ERROR = "error";

  @JsonIgnore // not a property: without this Jackson would write it over the "error" text
  public boolean isError() {
    return STATUS_ERROR.equals(status);
  }

  public static TraceRecordBuilder builder() {
    return new TraceRecordBuilder();
  }

  /** A builder holding this record's values, for copies that change a few fields. */
  public TraceRecordBuilder toBuilder() {
    return TraceRecordBuilder.from(this);
  }

  /** Retrieved document as the app reported it; relevance in [0,1]. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RetrievedDoc(String source, double relevanceScore, String content) {}

  /** A tool call the app made around this request, with its outcome. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ToolCall(String toolName, JsonNode input, JsonNode output, double latencyMs, boolean success, String error) {}

  /**
   * Token usage; {@code source} says whether the provider reported it or the gateway counted it.
   * Prompt tokens read from ({@code cachedTokens}) and written to ({@code cacheWriteTokens}) the
   * provider's prompt cache, and reasoning tokens, are there when the provider reported them; all are
   * parts of the prompt and completion counts, as in OpenAI's usage.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Tokens(int promptTokens, int completionTokens, int totalTokens, String source, Integer cachedTokens,
      Integer reasoningTokens, Integer cacheWriteTokens) {
    public static final String FROM_PROVIDER = "provider";
    public static final String FROM_TOKENIZER = "tokenizer";

    public Tokens(int promptTokens, int completionTokens, int totalTokens, String source) {
      this(promptTokens, completionTokens, totalTokens, source, null, null, null);
    }
  }

  /** Where the time went: the gateway's own work, the upstream call, and time to first token for streams. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Latency(double gatewayMs, double upstreamMs, Double ttftMs) {}

  /** Quality-proxy outcome: whether all checks passed and which failed. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Quality(boolean passed, double score, List<String> failedChecks) {}

  /** Why this record was kept (every stored record says so). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Sampling(boolean kept, String reason, double rate) {}

  /**
   * A timed unit of work inside the request. {@code startOffsetMs} is relative to the trace's
   * timestamp so a waterfall needs no clock arithmetic.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Span(
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      double startOffsetMs,
      double durationMs,
      String status,
      java.util.Map<String, Object> attributes) {
    public static final String KIND_REQUEST = "request";
    public static final String KIND_RETRIEVAL = "retrieval";
    public static final String KIND_LLM = "llm";
    public static final String KIND_TOOL = "tool";
  }
}
