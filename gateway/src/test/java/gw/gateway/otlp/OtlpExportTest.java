package gw.gateway.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import gw.gateway.config.GatewayConfig;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.MetricsText;
import gw.gateway.testing.RecordingEndpoint;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway and mock LLM export every stored trace to an OTLP/HTTP receiver that decodes
 * the official proto classes: the client's trace context, GenAI attributes and usage, redacted content.
 */
class OtlpExportTest {
  private static final String SECRET = "sk-proj-" + "Qw7Er9Ty".repeat(3);
  private static final String EMAIL = "jane.doe@example.com";
  private static final String CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String CLIENT_SPAN = "b7ad6b7169203331";

  @TempDir static Path dataDir;
  static RecordingEndpoint receiver;
  static GatewayHarness gw;
  static final List<byte[]> payloads = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    receiver = new RecordingEndpoint("/v1/traces");
    GatewayConfig.Otlp otlp = new GatewayConfig.Otlp(URI.create(receiver.base() + "/v1/traces"), Map.of(),
        GatewayConfig.OtlpProtocol.HTTP_PROTOBUF, true, 50, 2048, 512, 5_000, 3, 50, "gateway-under-test");
    gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults().withOtlp(otlp));
    // The answer may repeat what the question planted; the breaker would withhold it. Held closed so
    // the export's own redaction is what this test sees.
    gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "forced_closed")
        .put("reason", "export redaction test"), GatewayHarness.OPERATOR_TOKEN);
  }

  @AfterAll
  static void stop() {
    gw.close();
    receiver.close();
  }

  @Test
  void aStreamWithAClientTraceparentIsExportedAsItsChildWithGenAiAttributesAndNoPlantedSecret() throws Exception {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addUserMessage("My key is " + SECRET + ", mail me at " + EMAIL + ". How long do refunds take?")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .putAdditionalHeader("traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01")
        .build();
    String returned;
    String gatewayTraceId;
    OpenAIClient client = gw.openAiClient();
    try {
      HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
          client.chat().completions().withRawResponse().createStreaming(params);
      returned = raw.headers().values("traceparent").get(0);
      gatewayTraceId = raw.headers().values("x-gateway-trace-id").get(0);
      try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
        assertThat(stream.stream().count()).isPositive();
      }
    } finally {
      client.close();
    }
    JsonNode stored = gw.trace(gatewayTraceId);

    List<Span> spans = spansOf(CLIENT_TRACE);
    Span request = only(spans, Span.SpanKind.SPAN_KIND_SERVER);
    Span call = only(spans, Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(hex(request.getParentSpanId().toByteArray())).isEqualTo(CLIENT_SPAN);
    assertThat(returned).isEqualTo("00-" + CLIENT_TRACE + "-" + hex(request.getSpanId().toByteArray()) + "-01");
    assertThat(request.getName()).isEqualTo("POST /v1/chat/completions");
    assertThat(attr(request, "gw.tenant").getStringValue()).isEqualTo("acme");
    assertThat(attr(request, "gw.trace_id").getStringValue()).isEqualTo(gatewayTraceId);

    assertThat(call.getParentSpanId()).isEqualTo(request.getSpanId());
    assertThat(call.getName()).isEqualTo("chat gpt-4o-mini");
    assertThat(attr(call, "gen_ai.operation.name").getStringValue()).isEqualTo("chat");
    assertThat(attr(call, "gen_ai.provider.name").getStringValue()).isEqualTo("openai");
    assertThat(attr(call, "gen_ai.request.model").getStringValue()).isEqualTo("gpt-4o-mini");
    assertThat(attr(call, "gen_ai.response.model").getStringValue()).isEqualTo(stored.path("model_served").asText());
    assertThat(attr(call, "gen_ai.request.stream").getBoolValue()).isTrue();
    assertThat(attr(call, "gen_ai.usage.input_tokens").getIntValue())
        .isEqualTo(stored.path("tokens").path("prompt_tokens").asLong()).isPositive();
    assertThat(attr(call, "gen_ai.usage.output_tokens").getIntValue())
        .isEqualTo(stored.path("tokens").path("completion_tokens").asLong()).isPositive();
    assertThat(attr(call, "gen_ai.response.finish_reasons").getArrayValue().getValues(0).getStringValue())
        .isEqualTo(stored.path("finish_reasons").get(0).asText());
    assertThat(attr(call, "server.address").getStringValue()).isEqualTo("127.0.0.1");
    assertThat(attr(call, "gen_ai.input.messages").getStringValue()).contains("[REDACTED:openai_key]")
        .contains("[REDACTED:email]").contains("How long do refunds take?");
    assertThat(call.getEndTimeUnixNano()).isGreaterThan(call.getStartTimeUnixNano());

    for (byte[] payload : payloads) {
      String text = new String(payload, StandardCharsets.ISO_8859_1);
      assertThat(text).doesNotContain(SECRET).doesNotContain(EMAIL).doesNotContain("Qw7Er9Ty");
    }
  }

  @Test
  void withoutATraceparentTheGatewayStartsTheTraceAndTellsTheClient() throws Exception {
    HttpResponse<Buffer> response = gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "Hello"));
    assertThat(response.statusCode()).isEqualTo(200);
    String traceId = response.getHeader("x-gateway-trace-id");
    String traceHex = traceId.replace("-", "");
    String returned = response.getHeader("traceparent");

    List<Span> spans = spansOf(traceHex);
    Span request = only(spans, Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(request.getParentSpanId().isEmpty()).isTrue();
    assertThat(returned).isEqualTo("00-" + traceHex + "-" + hex(request.getSpanId().toByteArray()) + "-01");
    assertThat(only(spans, Span.SpanKind.SPAN_KIND_CLIENT).getParentSpanId()).isEqualTo(request.getSpanId());
  }

  @Test
  void exportedSpansAreCountedInMetrics() throws Exception {
    gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "count me"));
    spansOf(null);
    // The receiver has the batch before the exporter has its answer: wait for the count, up to 10 s.
    long deadline = System.nanoTime() + 10_000_000_000L;
    String metrics;
    double exported;
    do {
      metrics = gw.metrics();
      exported = MetricsText.required(metrics, "gw_otlp_spans_exported_total");
    } while (exported == 0 && System.nanoTime() < deadline);
    assertThat(exported).isPositive();
    assertThat(metrics).contains("gw_otlp_spans_dropped_total 0.0").contains("gw_otlp_export_failures_total 0.0");
  }

  /** Reads export requests until one trace's (any trace's, for null) request span and model call have arrived. */
  private static List<Span> spansOf(String traceHex) throws Exception {
    List<Span> found = new ArrayList<>();
    while (found.stream().noneMatch(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
        || found.stream().noneMatch(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)) {
      RecordingEndpoint.Received r = receiver.next();
      assertThat(r.header("Content-Type")).isEqualTo("application/x-protobuf");
      payloads.add(r.body());
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(r.body());
      for (ResourceSpans rs : request.getResourceSpansList()) {
        assertThat(rs.getResource().getAttributesList()).extracting(KeyValue::getKey)
            .contains("service.name", "service.instance.id");
        rs.getScopeSpansList().forEach(ss -> ss.getSpansList().stream()
            .filter(s -> traceHex == null || hex(s.getTraceId().toByteArray()).equals(traceHex)).forEach(found::add));
      }
    }
    return found;
  }

  private static Span only(List<Span> spans, Span.SpanKind kind) {
    return spans.stream().filter(s -> s.getKind() == kind).reduce((a, b) -> {
      throw new AssertionError("more than one " + kind + " span");
    }).orElseThrow();
  }

  private static AnyValue attr(Span span, String key) {
    return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue)
        .findFirst().orElseThrow(() -> new AssertionError(span.getName() + " has no attribute " + key));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
