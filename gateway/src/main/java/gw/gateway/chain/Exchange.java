package gw.gateway.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.TraceIds;
import gw.traces.TraceRecord;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-request state shared by the policies of one request. Lives on one event loop, so it needs
 * no synchronisation; the trace recorder takes a finished exchange to a worker only after the
 * client's response has ended.
 */
public final class Exchange {
  private final String traceId;
  private final String requestSpanId = TraceIds.nextSpanId();
  private TraceRecord.Sampling traceSampling;
  private final Route route;
  private final Instant startedAt;
  private final long startNanos;
  private final MultiMap requestHeaders;

  private Identity identity = Identity.ANONYMOUS;
  private RequestContext context = RequestContext.EMPTY;
  private ObjectNode body;
  private boolean bodyModified;
  private List<String> untranslated = List.of();
  private ObjectNode clientBody;
  private String resourceId;
  private String modelRequested;
  private String routedModel;
  private boolean stream;

  private long upstreamStartNanos;
  private long upstreamHeadersNanos;
  private long firstChunkNanos;
  private long upstreamEndNanos;
  private long endNanos;

  private int status;
  private Buffer responseBody;
  private JsonNode responseJson;
  private final List<Buffer> streamChunks = new ArrayList<>();
  /** Past the retention cap: the latest chunks, while the middle of the answer is dropped. */
  private java.util.ArrayDeque<Buffer> streamTail;
  private long retainedBytes;
  private GatewayFailure failure;
  private String streamError;
  private final List<String> actions = new ArrayList<>(2);
  private List<String> observedActions = List.of();
  private List<Consumer<Metered>> settlements = List.of();
  private String localAnswer;
  private boolean contentWithheld;
  private final List<Attempt> attempts = new ArrayList<>(1);
  private Map<Class<?>, Object> attachments = Map.of();
  private boolean knownGoodRequested;
  private boolean knownGoodObserved;
  private String replayOf;
  private String promptServedId;
  private String promptServedVersion;

  /**
   * One try at the provider; {@code endNanos} 0 while it runs (the last one ends with the answer),
   * {@code spanId} names its model-call span, in the trace and to the provider; {@code provider} and
   * {@code wire} are set once the try is sent (null for a try refused before).
   */
  public record Attempt(int number, String model, long startNanos, long endNanos, int status, String error,
      String spanId, String provider, Wire wire) {}

  public Exchange(String traceId, Route route, MultiMap requestHeaders, Instant startedAt, long startNanos) {
    this.traceId = traceId;
    this.route = route;
    this.requestHeaders = requestHeaders;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
  }

  public String traceId() { return traceId; }

  /** The id of the trace's request span, known from the start so the client's response can name it. */
  public String requestSpanId() { return requestSpanId; }

  /** The trace recorder's sampling decision, once it has made it (metering thread); null before. */
  public TraceRecord.Sampling traceSampling() { return traceSampling; }

  public void traceSampling(TraceRecord.Sampling s) { this.traceSampling = s; }
  public Route route() { return route; }
  public Instant startedAt() { return startedAt; }
  public long startNanos() { return startNanos; }
  public MultiMap requestHeaders() { return requestHeaders; }

  public Identity identity() { return identity; }
  public void identity(Identity identity) { this.identity = identity; }

  public RequestContext context() { return context; }
  public void context(RequestContext context) { this.context = context; }

  /** The request body as it will be forwarded (the {@code gateway} object removed); null for GET. */
  public ObjectNode body() { return body; }
  public void body(ObjectNode body) { this.body = body; }

  /** True once a policy changed the body, so the gateway re-serialises instead of forwarding the client's bytes. */
  public boolean bodyModified() { return bodyModified; }

  /**
   * What the client's request had that the chat body cannot carry (an Anthropic request's
   * {@code thinking}, say): it may go only as the client sent it, to a provider of the client's shape.
   */
  public List<String> untranslated() { return untranslated; }
  public void untranslated(List<String> paths) { this.untranslated = List.copyOf(paths); }

  /**
   * The client's own request when its route speaks another shape than chat (null for chat): what the
   * answer echoes, and where fields the chat body lacks are taken from when the request is rewritten.
   */
  public ObjectNode clientBody() { return clientBody; }
  public void clientBody(ObjectNode body) { this.clientBody = body; }

  /** The resource a path names ({@code GET /v1/responses/{id}}), or null. */
  public String resourceId() { return resourceId; }
  public void resourceId(String id) { this.resourceId = id; }
  public void markBodyModified() { this.bodyModified = true; }

  public String modelRequested() { return modelRequested; }

  /** The client's model, read from the body once; it is also where the request is routed until {@link #routeTo}. */
  public void modelRequested(String model) {
    this.modelRequested = model;
    this.routedModel = model;
  }

  /** The model the request is sent to: the requested one unless {@link #routeTo} changed it; null without a body. */
  public String routedModel() { return routedModel; }

  /**
   * The only way the served model changes (a fallback, a downgrade, a rollback): the body names
   * {@code model} from now on, and {@code action} (null when a breaker already recorded it) says why.
   */
  public void routeTo(String model, String action) {
    body.put("model", model);
    routedModel = model;
    bodyModified = true;
    if (action != null) {
      addAction(action);
    }
  }

  public boolean stream() { return stream; }
  public void stream(boolean stream) { this.stream = stream; }

  public long upstreamStartNanos() { return upstreamStartNanos; }
  public void upstreamStarted(long nanos) { this.upstreamStartNanos = nanos; }
  public long upstreamHeadersNanos() { return upstreamHeadersNanos; }
  public void upstreamHeaders(long nanos) { this.upstreamHeadersNanos = nanos; }
  public long firstChunkNanos() { return firstChunkNanos; }
  public long upstreamEndNanos() { return upstreamEndNanos; }
  public void upstreamEnded(long nanos) { this.upstreamEndNanos = nanos; }
  public long endNanos() { return endNanos; }
  public void ended(long nanos) { this.endNanos = nanos; }

  public int status() { return status; }
  public void status(int status) { this.status = status; }

  /** The whole upstream body for non-stream responses. */
  public Buffer responseBody() { return responseBody; }
  public void responseBody(Buffer body) { this.responseBody = body; }

  /** The parsed non-stream body when it was a successful JSON answer. */
  public JsonNode responseJson() { return responseJson; }
  public void responseJson(JsonNode json) { this.responseJson = json; }

  /**
   * Stream chunks exactly as received, kept for the trace (parsed off the event loop); for an answer
   * beyond the retention cap, its start and its last {@value #STREAM_TAIL_BYTES} bytes (the finish and usage).
   */
  public List<Buffer> streamChunks() {
    if (streamTail == null) {
      return streamChunks;
    }
    List<Buffer> all = new ArrayList<>(streamChunks);
    all.addAll(streamTail);
    return all;
  }

  static final int STREAM_TAIL_BYTES = 64 * 1024;

  /** Keeps the chunk for the trace; beyond {@code maxRetainedBytes}, only the stream's start and tail are kept. */
  public void addStreamChunk(Buffer chunk, long nanos, long maxRetainedBytes) {
    if (firstChunkNanos == 0) {
      firstChunkNanos = nanos;
    }
    retainedBytes += chunk.length();
    if (streamTail == null && retainedBytes <= maxRetainedBytes - STREAM_TAIL_BYTES) {
      streamChunks.add(chunk);
      return;
    }
    if (streamTail == null) {
      streamTail = new java.util.ArrayDeque<>();
    }
    streamTail.addLast(chunk);
    while (retainedBytes > maxRetainedBytes && streamTail.size() > 1) {
      retainedBytes -= streamTail.removeFirst().length();
    }
  }

  public GatewayFailure failure() { return failure; }
  public void fail(GatewayFailure failure) {
    this.failure = failure;
    this.status = failure.status();
  }

  /** Set when a stream broke after its headers were sent (client gone, upstream cut). */
  public String streamError() { return streamError; }
  public void streamError(String error) { this.streamError = error; }

  /** What the gateway did to this request (fallback, downgrade, cap, block); empty when it only proxied. */
  public List<String> actions() { return actions; }

  /** Records an interception as {@code <incident_class>/<action>}, e.g. {@code retrieval_outage/fallback_answer}. */
  public void addAction(String action) {
    if (!actions.contains(action)) {
      actions.add(action);
    }
  }

  /** What a breaker in observe mode would have done to this request; nothing of it was done. */
  public List<String> observedActions() { return observedActions; }

  public void addObservedAction(String action) {
    if (observedActions.isEmpty()) {
      observedActions = new ArrayList<>(1);
    }
    if (!observedActions.contains(action)) {
      observedActions.add(action);
    }
  }

  /** A policy's own answer: the upstream is not called and the client gets this text as the completion. */
  public void answerLocally(String text) { this.localAnswer = text; }
  public String localAnswer() { return localAnswer; }

  public void startAttempt(String model, long nanos) {
    attempts.add(new Attempt(attempts.size() + 1, model, nanos, 0, 0, null, TraceIds.nextSpanId(), null, null));
  }

  /** The running try goes to {@code provider}, in its {@code wire}. */
  public void sentTo(String provider, Wire wire) {
    if (!attempts.isEmpty()) {
      Attempt a = attempts.get(attempts.size() - 1);
      attempts.set(attempts.size() - 1, new Attempt(a.number(), a.model(), a.startNanos(), a.endNanos(), a.status(),
          a.error(), a.spanId(), provider, wire));
    }
  }

  /** Closes the running attempt with the status it got (0 if none) or the error that ended it. */
  public void endAttempt(long nanos, int status, String error) {
    if (!attempts.isEmpty()) {
      Attempt a = attempts.get(attempts.size() - 1);
      attempts.set(attempts.size() - 1, new Attempt(a.number(), a.model(), a.startNanos(), nanos, status, error,
          a.spanId(), a.provider(), a.wire()));
    }
  }

  public List<Attempt> attempts() { return attempts; }

  /** The span a call to the provider now belongs to: the running attempt's, or the request's before any. */
  public String currentSpanId() {
    return attempts.isEmpty() ? requestSpanId : attempts.get(attempts.size() - 1).spanId();
  }

  /** An attempt's status: the relayed (last) attempt is never closed, its status is the exchange's. */
  public int statusOf(Attempt a) {
    return a.endNanos() != 0 ? a.status() : status();
  }

  /** The trace this request replays, or null. */
  public void replayOf(String traceId) { this.replayOf = traceId; }
  public String replayOf() { return replayOf; }

  /** QUALITY_DEGRADATION asks the prompt step to serve the known-good version. */
  public void requestKnownGood() { this.knownGoodRequested = true; }
  public boolean knownGoodRequested() { return knownGoodRequested; }

  /** QUALITY_DEGRADATION in observe mode: the known-good version is only noted as what would have been served. */
  public void observeKnownGood() { this.knownGoodObserved = true; }
  public boolean knownGoodObserved() { return knownGoodObserved; }

  /** The registry prompt this request was rendered with (null when none was). */
  public void promptServed(String id, String version) {
    this.promptServedId = id;
    this.promptServedVersion = version;
  }
  public String promptServedId() { return promptServedId; }
  public String promptServedVersion() { return promptServedVersion; }

  /** A policy's own per-request state, keyed by its type (e.g. a stream filter's buffer). */
  public <T> T attachment(Class<T> type) {
    return type.cast(attachments.get(type));
  }

  public <T> void attach(Class<T> type, T value) {
    if (attachments.isEmpty()) {
      attachments = new HashMap<>(2);
    }
    attachments.put(type, value);
  }

  /** The trace keeps this request's metadata but none of its content (prompt, answer, documents, tools). */
  public void withholdContent() { this.contentWithheld = true; }
  public boolean contentWithheld() { return contentWithheld; }

  /**
   * Registers what to do once the exchange is metered (settle a budget or token reservation, feed a
   * breaker's window). Runs once, on the metering thread, for every request handed to the
   * metering stage, including failed ones; a callback must be thread-safe and must not block.
   */
  public void onMetered(Consumer<Metered> settlement) {
    if (settlements.isEmpty()) {
      settlements = new ArrayList<>(2);
    }
    settlements.add(settlement);
  }

  public List<Consumer<Metered>> settlements() { return settlements; }
}
