package gw.gateway.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import gw.gateway.chain.Wire;
import gw.gateway.config.GatewayConfig;
import gw.gateway.openai.MessageText;
import gw.traces.Timestamps;
import gw.traces.TraceRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stored trace records as OTLP spans, named and attributed by the OpenTelemetry GenAI semantic
 * conventions: the request span (SERVER, child of the client's {@code traceparent} when it sent
 * one), one CLIENT span per model call named {@code "{gen_ai.operation.name} {gen_ai.request.model}"},
 * and INTERNAL spans for retrieval and tools. The gateway's own facts go under {@code gw.}. The
 * records are already redacted; message content is added only when {@code captureContent} is on.
 */
public final class GenAiSpans {
  static final String SCOPE = "gw.gateway";
  private static final HexFormat HEX = HexFormat.of();

  private final String serviceName;
  private final String version;
  private final String instanceId;
  /** The provider of models no other provider claims; a try names its own. */
  private final GatewayConfig.Provider upstream;
  private final Map<String, GatewayConfig.Provider> providers = new java.util.HashMap<>();
  private final boolean captureContent;

  /** {@code instanceId}: this instance's name in a fleet ({@code service.instance.id}). */
  public GenAiSpans(String serviceName, String version, String instanceId, URI upstream, boolean captureContent) {
    this(serviceName, version, instanceId, List.of(new GatewayConfig.Provider(GatewayConfig.DEFAULT_PROVIDER,
        Wire.OPENAI, new GatewayConfig.Upstream(upstream.toString(), null, 1, 1, 1, 1), List.of("*"))), captureContent);
  }

  /** {@code providers} in routing order, the upstream last: a model call names the one its try went to. */
  public GenAiSpans(String serviceName, String version, String instanceId, List<GatewayConfig.Provider> providers,
      boolean captureContent) {
    this.serviceName = serviceName;
    this.version = version;
    this.instanceId = instanceId;
    this.upstream = providers.get(providers.size() - 1);
    for (GatewayConfig.Provider p : providers) {
      this.providers.put(p.name(), p);
    }
    this.captureContent = captureContent;
  }

  /** One export request for a batch of records (all from this gateway: one resource, one scope). */
  public ExportTraceServiceRequest request(List<TraceRecord> records) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName(SCOPE).setVersion(version));
    String environment = null;
    for (TraceRecord r : records) {
      environment = r.environment();
      for (TraceRecord.Span s : r.spans()) {
        scope.addSpans(span(r, s));
      }
    }
    Resource.Builder resource = Resource.newBuilder()
        .addAttributes(kv("service.name", serviceName))
        .addAttributes(kv("service.version", version))
        .addAttributes(kv("service.instance.id", instanceId));
    if (environment != null) {
      resource.addAttributes(kv("deployment.environment.name", environment));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }

  /** Spans a batch of records holds, for counting. */
  public static int spanCount(List<TraceRecord> records) {
    int n = 0;
    for (TraceRecord r : records) {
      n += r.spans().size();
    }
    return n;
  }

  private Span span(TraceRecord r, TraceRecord.Span s) {
    long start = nanos(r.timestamp()) + (long) (s.startOffsetMs() * 1_000_000);
    Span.Builder b = Span.newBuilder()
        .setTraceId(bytes(W3cTraceContext.traceIdHex(r.traceId(), r.traceparent())))
        .setSpanId(bytes(s.spanId()))
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + (long) (s.durationMs() * 1_000_000));
    String parent = s.parentSpanId() != null ? s.parentSpanId() : W3cTraceContext.parentSpanId(r.traceparent());
    if (parent != null) {
      b.setParentSpanId(bytes(parent));
    }
    boolean failed = TraceRecord.STATUS_ERROR.equals(s.status());
    switch (s.kind()) {
      case TraceRecord.Span.KIND_REQUEST -> request(r, b);
      case TraceRecord.Span.KIND_LLM -> modelCall(r, s, b, isLast(r, s));
      case TraceRecord.Span.KIND_TOOL -> b.setName("execute_tool " + s.name().replaceFirst("^tool ", ""))
          .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
          .addAttributes(kv("gen_ai.operation.name", "execute_tool"))
          .addAttributes(kv("gen_ai.tool.name", s.name().replaceFirst("^tool ", "")));
      default -> b.setName(s.name()).setKind(Span.SpanKind.SPAN_KIND_INTERNAL);
    }
    if (s.attributes() != null) {
      s.attributes().forEach((k, v) -> b.addAttributes(kv("gw." + k, v)));
    }
    if (failed) {
      b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
          .setMessage(r.error() == null ? "" : r.error()));
      b.addAttributes(kv("error.type", errorType(r, s)));
    }
    return b.build();
  }

  private void request(TraceRecord r, Span.Builder b) {
    b.setName("POST " + r.route()).setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .addAttributes(kv("http.request.method", "POST"))
        .addAttributes(kv("http.route", r.route()))
        .addAttributes(kv("http.response.status_code", (long) r.httpStatus()))
        .addAttributes(kv("gw.trace_id", r.traceId()))
        .addAttributes(kv("gw.tenant", r.tenant()))
        .addAttributes(kv("gw.environment", r.environment()))
        .addAttributes(kv("gw.latency_ms", r.latencyMs()))
        .addAttributes(kv("gw.sampling.reason", r.sampling().reason()));
    optional(b, "gen_ai.conversation.id", r.conversationId());
    optional(b, "gw.team", r.team());
    optional(b, "gw.customer_tier", r.customerTier());
    optional(b, "gw.feature", r.feature());
    optional(b, "gw.session_id", r.sessionId());
    optional(b, "gw.request_id", r.requestId());
    optional(b, "gw.prompt.id", r.promptId());
    optional(b, "gw.prompt.version", r.promptVersion());
    optional(b, "gw.replay_of", r.replayOf());
    optional(b, "gw.cost_usd", r.costUsd());
    if (!r.actions().isEmpty()) {
      b.addAttributes(kv("gw.actions", r.actions()));
    }
    if (r.observedActions() != null && !r.observedActions().isEmpty()) {
      b.addAttributes(kv("gw.observed_actions", r.observedActions()));
    }
    if (r.quality() != null) {
      b.addAttributes(kv("gw.quality.passed", r.quality().passed()))
          .addAttributes(kv("gw.quality.score", r.quality().score()));
      if (!r.quality().failedChecks().isEmpty()) {
        b.addAttributes(kv("gw.quality.failed_checks", r.quality().failedChecks()));
      }
    }
  }

  /** A model call. The answer's facts (response model, usage, finish reasons, content) go on the last one. */
  private void modelCall(TraceRecord r, TraceRecord.Span s, Span.Builder b, boolean answered) {
    Map<String, Object> a = s.attributes() == null ? Map.of() : s.attributes();
    String operation = operation(r.route());
    String requested = a.get("model_requested") instanceof String m ? m : r.modelRequested();
    GatewayConfig.Provider provider = a.get("provider") instanceof String name ? providers.getOrDefault(name, upstream)
        : upstream;
    URI server = URI.create(provider.connection().baseUrl());
    b.setName(requested == null ? operation : operation + " " + requested)
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .addAttributes(kv("gen_ai.operation.name", operation))
        .addAttributes(kv("gen_ai.provider.name", provider.kind().id()));
    optional(b, "gen_ai.request.model", requested);
    optional(b, "gen_ai.conversation.id", r.conversationId());
    b.addAttributes(kv("server.address", server.getHost())).addAttributes(kv("server.port", (long) port(server)));
    JsonNode body = r.request();
    if (body != null) {
      JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
      if (max != null && max.isIntegralNumber()) {
        b.addAttributes(kv("gen_ai.request.max_tokens", max.asLong()));
      }
      number(b, "gen_ai.request.top_p", body.get("top_p"));
    }
    optional(b, "gen_ai.request.temperature", r.temperature());
    b.addAttributes(kv("gen_ai.request.stream", r.stream()));
    if (!answered) {
      return;
    }
    optional(b, "gen_ai.response.model", r.modelServed());
    if (r.finishReasons() != null && !r.finishReasons().isEmpty()) {
      b.addAttributes(kv("gen_ai.response.finish_reasons", r.finishReasons()));
    }
    TraceRecord.Tokens t = r.tokens();
    if (t != null) {
      b.addAttributes(kv("gen_ai.usage.input_tokens", (long) t.promptTokens()))
          .addAttributes(kv("gen_ai.usage.output_tokens", (long) t.completionTokens()));
      optional(b, "gen_ai.usage.cache_read.input_tokens", t.cachedTokens() == null ? null : (long) t.cachedTokens());
      optional(b, "gen_ai.usage.cache_creation.input_tokens",
          t.cacheWriteTokens() == null ? null : (long) t.cacheWriteTokens());
      optional(b, "gen_ai.usage.reasoning.output_tokens",
          t.reasoningTokens() == null ? null : (long) t.reasoningTokens());
      b.addAttributes(kv("gw.tokens.source", t.source()));
    }
    if (captureContent) {
      if (body != null && body.get("messages") instanceof ArrayNode messages) {
        b.addAttributes(kv("gen_ai.input.messages", inputMessages(messages).toString()));
      }
      if (r.outputText() != null) {
        b.addAttributes(kv("gen_ai.output.messages", outputMessages(r).toString()));
      }
    }
  }

  /** The semantic conventions' message shape: role and text parts. */
  private static ArrayNode inputMessages(ArrayNode messages) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode m : messages) {
      ObjectNode message = out.addObject().put("role", m.path("role").asText());
      String text = MessageText.of(m.get("content"));
      if (text != null) {
        message.putArray("parts").addObject().put("type", "text").put("content", text);
      }
    }
    return out;
  }

  private static ArrayNode outputMessages(TraceRecord r) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    ObjectNode message = out.addObject().put("role", "assistant");
    message.putArray("parts").addObject().put("type", "text").put("content", r.outputText());
    if (r.finishReasons() != null && !r.finishReasons().isEmpty()) {
      message.put("finish_reason", r.finishReasons().get(0));
    }
    return out;
  }

  private static boolean isLast(TraceRecord r, TraceRecord.Span s) {
    TraceRecord.Span last = null;
    for (TraceRecord.Span each : r.spans()) {
      if (TraceRecord.Span.KIND_LLM.equals(each.kind())) {
        last = each;
      }
    }
    return last == s;
  }

  static String operation(String route) {
    return switch (route == null ? "" : route) {
      case "/v1/embeddings" -> "embeddings";
      case "/v1/completions" -> "text_completion";
      default -> "chat";
    };
  }

  /** A low-cardinality error class: the HTTP status of the try, else the gateway's error code. */
  private static String errorType(TraceRecord r, TraceRecord.Span s) {
    Object status = s.attributes() == null ? null : s.attributes().get("http_status");
    if (status instanceof Number n && n.intValue() >= 400) {
      return Integer.toString(n.intValue());
    }
    String error = r.error();
    if (error != null) {
      int colon = error.indexOf(':');
      return colon > 0 ? error.substring(0, colon) : "_OTHER";
    }
    return "_OTHER";
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
  }

  private static long nanos(String timestamp) {
    Instant t = Timestamps.parse(timestamp);
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HEX.parseHex(hex));
  }

  private static void number(Span.Builder b, String key, JsonNode n) {
    if (n != null && n.isNumber()) {
      b.addAttributes(kv(key, n.asDouble()));
    }
  }

  private static void optional(Span.Builder b, String key, Object value) {
    if (value != null) {
      b.addAttributes(kv(key, value));
    }
  }

  static KeyValue kv(String key, Object value) {
    return KeyValue.newBuilder().setKey(key).setValue(any(value)).build();
  }

  private static AnyValue any(Object value) {
    AnyValue.Builder v = AnyValue.newBuilder();
    if (value instanceof Boolean bool) {
      v.setBoolValue(bool);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      v.setIntValue(((Number) value).longValue());
    } else if (value instanceof Number n) {
      v.setDoubleValue(n.doubleValue());
    } else if (value instanceof List<?> list) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      list.forEach(item -> array.addValues(any(item)));
      v.setArrayValue(array);
    } else {
      v.setStringValue(String.valueOf(value));
    }
    return v.build();
  }
}
