package gw.gateway.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Wire;
import gw.gateway.config.GatewayConfig;
import gw.traces.TraceIds;
import gw.traces.TraceRecord;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model call's span names the provider its try went to, its API and its server, and every usage count. */
class GenAiSpansProvidersTest {

  @Test
  void aTryOnTheAnthropicProviderIsAnAnthropicCallWithItsCacheCounts() {
    List<GatewayConfig.Provider> providers = List.of(
        new GatewayConfig.Provider("claude", Wire.ANTHROPIC,
            new GatewayConfig.Upstream("https://api.anthropic.com/v1", null, 1, 1, 1, 1), List.of("claude-*")),
        new GatewayConfig.Provider(GatewayConfig.DEFAULT_PROVIDER, Wire.OPENAI,
            new GatewayConfig.Upstream("https://api.openai.com/v1", null, 1, 1, 1, 1), List.of("*")));
    GenAiSpans spans = new GenAiSpans("svc", "test", "gw-1", providers, false);
    String root = TraceIds.nextSpanId();
    TraceRecord record = TraceRecord.builder().traceId(TraceIds.next()).timestamp(Instant.now().toString())
        .environment("dev").tenant("acme").route("/v1/chat/completions").modelRequested("gpt-4o")
        .modelServed("claude-sonnet-4").status("ok").httpStatus(200).latencyMs(12).actions(List.of())
        .sampling(new TraceRecord.Sampling(true, "environment_full", 1.0))
        .tokens(new TraceRecord.Tokens(2_100, 40, 2_140, TraceRecord.Tokens.FROM_PROVIDER, 1_024, null, 1_000))
        .spans(List.of(new TraceRecord.Span(root, null, "gateway /v1/chat/completions", "request", 0, 12, "ok", null),
            new TraceRecord.Span(TraceIds.nextSpanId(), root, "llm /chat/completions", "llm", 1, 2, "error",
                Map.of("attempt", 1, "model_requested", "gpt-4o", "http_status", 503, "provider", "openai")),
            new TraceRecord.Span(TraceIds.nextSpanId(), root, "llm /messages", "llm", 3, 8, "ok",
                Map.of("attempt", 2, "model_requested", "claude-sonnet-4", "http_status", 200, "provider", "claude",
                    "translated", "openai->anthropic"))))
        .build();
    List<Span> calls = spans.request(List.of(record)).getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
        .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT).toList();
    assertThat(calls).hasSize(2);
    assertThat(attr(calls.get(0), "gen_ai.provider.name")).isEqualTo("openai");
    assertThat(attr(calls.get(0), "server.address")).isEqualTo("api.openai.com");
    assertThat(attr(calls.get(1), "gen_ai.provider.name")).isEqualTo("anthropic");
    assertThat(attr(calls.get(1), "server.address")).isEqualTo("api.anthropic.com");
    assertThat(attr(calls.get(1), "gen_ai.usage.cache_read.input_tokens")).isEqualTo("1024");
    assertThat(attr(calls.get(1), "gen_ai.usage.cache_creation.input_tokens")).isEqualTo("1000");
  }

  private static String attr(Span span, String key) {
    for (KeyValue kv : span.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return kv.getValue().hasIntValue() ? Long.toString(kv.getValue().getIntValue()) : kv.getValue().getStringValue();
      }
    }
    return null;
  }
}
