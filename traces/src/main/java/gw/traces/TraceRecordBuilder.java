package gw.traces;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Fluent construction of a {@link TraceRecord}, whose canonical constructor has too many
 * positional arguments to read safely. {@link #build()} does not validate; call
 * {@link TraceValidator#requireValid(TraceRecord)} where a record must be valid.
 */
public final class TraceRecordBuilder {
  private String traceId;
  private String requestId;
  private String sessionId;
  private String conversationId;
  private String traceparent;
  private String timestamp;
  private String environment;
  private String customerTier;
  private String tenant;
  private String team;
  private String feature;
  private String route;
  private String promptId;
  private String promptVersion;
  private String modelRequested;
  private String modelServed;
  private Double temperature;
  private boolean stream;
  private String inputText;
  private String outputText;
  private List<String> finishReasons;
  private JsonNode request;
  private String retrievalQuery;
  private List<TraceRecord.RetrievedDoc> retrievedDocs;
  private List<TraceRecord.ToolCall> toolCalls;
  private TraceRecord.Tokens tokens;
  private Double costUsd;
  private double latencyMs;
  private TraceRecord.Latency latency;
  private String status;
  private int httpStatus;
  private String error;
  private TraceRecord.Quality quality;
  private List<String> actions;
  private List<String> observedActions;
  private TraceRecord.Sampling sampling;
  private String userIdHash;
  private String replayOf;
  private List<String> tags;
  private List<TraceRecord.Span> spans;

  TraceRecordBuilder() {}

  static TraceRecordBuilder from(TraceRecord r) {
    TraceRecordBuilder b = new TraceRecordBuilder();
    b.traceId = r.traceId();
    b.requestId = r.requestId();
    b.sessionId = r.sessionId();
    b.conversationId = r.conversationId();
    b.traceparent = r.traceparent();
    b.timestamp = r.timestamp();
    b.environment = r.environment();
    b.customerTier = r.customerTier();
    b.tenant = r.tenant();
    b.team = r.team();
    b.feature = r.feature();
    b.route = r.route();
    b.promptId = r.promptId();
    b.promptVersion = r.promptVersion();
    b.modelRequested = r.modelRequested();
    b.modelServed = r.modelServed();
    b.temperature = r.temperature();
    b.stream = r.stream();
    b.inputText = r.inputText();
    b.outputText = r.outputText();
    b.finishReasons = r.finishReasons();
    b.request = r.request();
    b.retrievalQuery = r.retrievalQuery();
    b.retrievedDocs = r.retrievedDocs();
    b.toolCalls = r.toolCalls();
    b.tokens = r.tokens();
    b.costUsd = r.costUsd();
    b.latencyMs = r.latencyMs();
    b.latency = r.latency();
    b.status = r.status();
    b.httpStatus = r.httpStatus();
    b.error = r.error();
    b.quality = r.quality();
    b.actions = r.actions();
    b.observedActions = r.observedActions();
    b.sampling = r.sampling();
    b.userIdHash = r.userIdHash();
    b.replayOf = r.replayOf();
    b.tags = r.tags();
    b.spans = r.spans();
    return b;
  }

  public TraceRecordBuilder traceId(String value) {
    this.traceId = value;
    return this;
  }

  public TraceRecordBuilder requestId(String value) {
    this.requestId = value;
    return this;
  }

  public TraceRecordBuilder sessionId(String value) {
    this.sessionId = value;
    return this;
  }

  public TraceRecordBuilder conversationId(String value) {
    this.conversationId = value;
    return this;
  }

  public TraceRecordBuilder traceparent(String value) {
    this.traceparent = value;
    return this;
  }

  public TraceRecordBuilder timestamp(String value) {
    this.timestamp = value;
    return this;
  }

  public TraceRecordBuilder environment(String value) {
    this.environment = value;
    return this;
  }

  public TraceRecordBuilder customerTier(String value) {
    this.customerTier = value;
    return this;
  }

  public TraceRecordBuilder tenant(String value) {
    this.tenant = value;
    return this;
  }

  public TraceRecordBuilder team(String value) {
    this.team = value;
    return this;
  }

  public TraceRecordBuilder feature(String value) {
    this.feature = value;
    return this;
  }

  public TraceRecordBuilder route(String value) {
    this.route = value;
    return this;
  }

  public TraceRecordBuilder promptId(String value) {
    this.promptId = value;
    return this;
  }

  public TraceRecordBuilder promptVersion(String value) {
    this.promptVersion = value;
    return this;
  }

  public TraceRecordBuilder modelRequested(String value) {
    this.modelRequested = value;
    return this;
  }

  public TraceRecordBuilder modelServed(String value) {
    this.modelServed = value;
    return this;
  }

  public TraceRecordBuilder temperature(Double value) {
    this.temperature = value;
    return this;
  }

  public TraceRecordBuilder stream(boolean value) {
    this.stream = value;
    return this;
  }

  public TraceRecordBuilder inputText(String value) {
    this.inputText = value;
    return this;
  }

  public TraceRecordBuilder outputText(String value) {
    this.outputText = value;
    return this;
  }

  public TraceRecordBuilder finishReasons(List<String> value) {
    this.finishReasons = value;
    return this;
  }

  public TraceRecordBuilder request(JsonNode value) {
    this.request = value;
    return this;
  }

  public TraceRecordBuilder retrievalQuery(String value) {
    this.retrievalQuery = value;
    return this;
  }

  public TraceRecordBuilder retrievedDocs(List<TraceRecord.RetrievedDoc> value) {
    this.retrievedDocs = value;
    return this;
  }

  public TraceRecordBuilder toolCalls(List<TraceRecord.ToolCall> value) {
    this.toolCalls = value;
    return this;
  }

  public TraceRecordBuilder tokens(TraceRecord.Tokens value) {
    this.tokens = value;
    return this;
  }

  public TraceRecordBuilder costUsd(Double value) {
    this.costUsd = value;
    return this;
  }

  public TraceRecordBuilder latencyMs(double value) {
    this.latencyMs = value;
    return this;
  }

  public TraceRecordBuilder latency(TraceRecord.Latency value) {
    this.latency = value;
    return this;
  }

  public TraceRecordBuilder status(String value) {
    this.status = value;
    return this;
  }

  public TraceRecordBuilder httpStatus(int value) {
    this.httpStatus = value;
    return this;
  }

  public TraceRecordBuilder error(String value) {
    this.error = value;
    return this;
  }

  public TraceRecordBuilder quality(TraceRecord.Quality value) {
    this.quality = value;
    return this;
  }

  public TraceRecordBuilder actions(List<String> value) {
    this.actions = value;
    return this;
  }

  public TraceRecordBuilder observedActions(List<String> value) {
    this.observedActions = value;
    return this;
  }

  public TraceRecordBuilder sampling(TraceRecord.Sampling value) {
    this.sampling = value;
    return this;
  }

  public TraceRecordBuilder userIdHash(String value) {
    this.userIdHash = value;
    return this;
  }

  public TraceRecordBuilder replayOf(String value) {
    this.replayOf = value;
    return this;
  }

  public TraceRecordBuilder tags(List<String> value) {
    this.tags = value;
    return this;
  }

  public TraceRecordBuilder spans(List<TraceRecord.Span> value) {
    this.spans = value;
    return this;
  }

  public TraceRecord build() {
    return new TraceRecord(
        traceId,
        requestId,
        sessionId,
        conversationId,
        traceparent,
        timestamp,
        environment,
        customerTier,
        tenant,
        team,
        feature,
        route,
        promptId,
        promptVersion,
        modelRequested,
        modelServed,
        temperature,
        stream,
        inputText,
        outputText,
        finishReasons,
        request,
        retrievalQuery,
        retrievedDocs,
        toolCalls,
        tokens,
        costUsd,
        latencyMs,
        latency,
        status,
        httpStatus,
        error,
        quality,
        actions,
        observedActions,
        sampling,
        userIdHash,
        replayOf,
        tags,
        spans);
  }
}
