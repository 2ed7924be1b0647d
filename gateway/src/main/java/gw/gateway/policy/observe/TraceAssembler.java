package gw.gateway.policy.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayExtension;
import gw.gateway.chain.RequestContext;
import gw.gateway.metering.Answer;
import gw.gateway.metering.Measurement;
import gw.gateway.metering.Meter;
import gw.gateway.metering.Timings;
import gw.traces.TraceIds;
import gw.traces.TraceRecord;
import gw.traces.TraceRecord.Latency;
import gw.traces.TraceRecord.RetrievedDoc;
import gw.traces.TraceRecord.Sampling;
import gw.traces.TraceRecord.Span;
import gw.traces.TraceRecord.ToolCall;
import gw.traces.quality.QualityResult;
import gw.traces.redact.UserIdHasher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the (not yet redacted) trace record of a finished, measured exchange. Runs on the
 * metering thread, so the request path does none of it.
 */
public final class TraceAssembler {
  /** Status recorded when the client left before any response was sent (nginx's convention). */
  static final int CLIENT_CLOSED_REQUEST = 499;

  private final String environment;
  private final UserIdHasher userIds;

  public TraceAssembler(String environment, UserIdHasher userIds) {
    this.environment = environment;
    this.userIds = userIds;
  }

  public TraceRecord assemble(Exchange ex, Sampling sampling, Measurement measured) {
    ObjectNode body = ex.body();
    RequestContext ctx = ex.context();
    Answer answer = measured.answer();
    String modelServed = measured.modelServed();
    QualityResult quality = measured.quality();
    Timings times = measured.timings();
    double total = times.totalMs();
    Double ttft = times.ttftMs();
    String error = errorOf(ex, answer);
    int httpStatus = ex.status() == 0 ? CLIENT_CLOSED_REQUEST : ex.status();
    String status = error == null ? TraceRecord.STATUS_OK : TraceRecord.STATUS_ERROR;

    GatewayExtension.PromptRef prompt = ctx.prompt();
    GatewayExtension.Retrieval retrieval = ctx.retrieval();
    boolean withheld = ex.contentWithheld();
    List<RetrievedDoc> docs = docsOf(retrieval, withheld);
    List<ToolCall> tools = toolsOf(ctx.tools(), withheld);
    List<Span> spans = spansOf(ex, total, ttft, status, modelServed, retrieval, tools);

    return new TraceRecord(
        ex.traceId(), ctx.requestId(), ctx.sessionId(), ctx.conversationId(), ctx.traceparent(),
        ex.startedAt().toString(), environment, ex.identity().tier(), ex.identity().tenant(), ex.identity().team(),
        ctx.feature(), ex.route().path(),
        ex.promptServedId() != null ? ex.promptServedId() : prompt == null ? null : prompt.id(),
        ex.promptServedVersion() != null ? ex.promptServedVersion() : prompt == null ? null : prompt.version(),
        ex.modelRequested(), modelServed,
        body != null && body.path("temperature").isNumber() ? body.get("temperature").asDouble() : null,
        ex.stream(),
        withheld ? null : Meter.inputTextOf(ex.route(), body), withheld ? null : answer.text(),
        answer.finishReason() == null ? null : List.of(answer.finishReason()),
        withheld ? null : body,
        withheld || retrieval == null ? null : retrieval.query(), docs, tools,
        measured.tokens(), measured.cost(),
        total, new Latency(times.gatewayNanos() / 1_000_000d, times.upstreamOrZeroMs(), ttft),
        status, httpStatus, error,
        quality == null ? null : new TraceRecord.Quality(quality.passed(), quality.score(), quality.failed()),
        List.copyOf(ex.actions()),
        ex.observedActions().isEmpty() ? null : List.copyOf(ex.observedActions()),
        sampling,
        userIds.hash(ctx.userId()),
        ex.replayOf(),
        ctx.tags(),
        spans);
  }

  private static String errorOf(Exchange ex, Answer answer) {
    if (ex.failure() != null) {
      return ex.failure().code() + ": " + ex.failure().getMessage();
    }
    if (ex.streamError() != null) {
      return ex.streamError();
    }
    if (ex.status() >= 400) {
      return "upstream_http_" + ex.status() + (answer.upstreamError() == null ? "" : ": " + answer.upstreamError());
    }
    if (!answer.complete()) {
      return "upstream_stream_incomplete: the stream ended without [DONE]";
    }
    return null;
  }

  private static List<RetrievedDoc> docsOf(GatewayExtension.Retrieval retrieval, boolean withheld) {
    List<RetrievedDoc> docs = new ArrayList<>();
    if (retrieval != null) {
      for (GatewayExtension.Document d : retrieval.documents()) {
        docs.add(new RetrievedDoc(d.source(), d.score() == null ? 0 : d.score(), withheld ? null : d.content()));
      }
    }
    return docs;
  }

  private static List<ToolCall> toolsOf(List<GatewayExtension.ToolReport> tools, boolean withheld) {
    List<ToolCall> calls = new ArrayList<>(tools.size());
    for (GatewayExtension.ToolReport t : tools) {
      calls.add(new ToolCall(t.name(), withheld ? null : t.input(), withheld ? null : t.output(), t.latencyMs(),
          t.succeeded(), t.error()));
    }
    return calls;
  }

  private static List<Span> spansOf(Exchange ex, double total, Double ttft, String status,
      String modelServed, GatewayExtension.Retrieval retrieval, List<ToolCall> tools) {
    List<Span> spans = new ArrayList<>();
    String root = ex.requestSpanId();
    spans.add(new Span(root, null, "gateway " + ex.route().path(), Span.KIND_REQUEST, 0, total, status,
        Map.of("tenant", ex.identity().tenant(), "stream", ex.stream())));
    if (retrieval != null) {
      spans.add(new Span(TraceIds.nextSpanId(), root, "retrieval", Span.KIND_RETRIEVAL, 0, retrieval.latencyMs(),
          "ok", Map.of("documents", retrieval.documents().size(), "reported_by", "client")));
    }
    List<Exchange.Attempt> attempts = ex.attempts();
    for (int i = 0; i < attempts.size(); i++) {
      Exchange.Attempt a = attempts.get(i);
      boolean last = i == attempts.size() - 1;
      long end = a.endNanos() != 0 ? a.endNanos() : ex.upstreamEndNanos() != 0 ? ex.upstreamEndNanos() : ex.endNanos();
      int attemptStatus = ex.statusOf(a);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("attempt", a.number());
      attrs.put("model_requested", a.model() != null ? a.model() : ex.modelRequested());
      if (last) {
        attrs.put("model_served", modelServed);
      }
      attrs.put("http_status", attemptStatus);
      if (a.provider() != null) {
        attrs.put("provider", a.provider());
        if (a.wire() != ex.route().wire()) {
          attrs.put("translated", ex.route().wire().id() + "->" + a.wire().id());
        }
      }
      if (a.error() != null) {
        attrs.put("error", a.error());
      }
      if (last && ttft != null) {
        attrs.put("ttft_ms", ttft);
      }
      boolean ok = a.error() == null && attemptStatus > 0 && attemptStatus < 400
          && (!last || (ex.failure() == null && ex.streamError() == null));
      String path = a.wire() == null ? ex.route().upstreamPath() : ex.route().upstreamPath(a.wire());
      spans.add(new Span(a.spanId(), root, "llm " + path, Span.KIND_LLM,
          Timings.millis(ex.startNanos(), a.startNanos()), Timings.millis(a.startNanos(), end), ok ? "ok" : "error", attrs));
    }
    for (ToolCall t : tools) {
      spans.add(new Span(TraceIds.nextSpanId(), root, "tool " + t.toolName(), Span.KIND_TOOL, 0, t.latencyMs(),
          t.success() ? "ok" : "error", Map.of("reported_by", "client")));
    }
    return spans;
  }
}
