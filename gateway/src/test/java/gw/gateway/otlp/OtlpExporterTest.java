package gw.gateway.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigLoader;
import gw.gateway.config.ConfigSource;
import gw.gateway.config.GatewayConfig;
import gw.gateway.testing.RecordingEndpoint;
import gw.traces.TraceIds;
import gw.traces.TraceRecord;
import gw.traces.json.Json;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exporter on its own against a test endpoint: retries, refusals, a dead endpoint, the JSON encoding. */
class OtlpExporterTest {
  private static final GenAiSpans SPANS = new GenAiSpans("svc", "test", "gw-1", URI.create("http://127.0.0.1:1/v1"), false);

  private static GatewayConfig.Otlp settings(String endpoint, int maxQueue) {
    return new GatewayConfig.Otlp(URI.create(endpoint), Map.of(), GatewayConfig.OtlpProtocol.HTTP_PROTOBUF, false,
        20, maxQueue, 512, 2_000, 3, 10, "svc");
  }

  /** A stored chat trace with a request span and one model call. */
  static TraceRecord trace() {
    String root = TraceIds.nextSpanId();
    return TraceRecord.builder().traceId(TraceIds.next()).timestamp(Instant.now().toString()).environment("dev")
        .tenant("acme").route("/v1/chat/completions").modelRequested("gpt-4o-mini").modelServed("gpt-4o-mini")
        .status("ok").httpStatus(200).latencyMs(12).actions(List.of())
        .sampling(new TraceRecord.Sampling(true, "environment_full", 1.0))
        .tokens(new TraceRecord.Tokens(9, 3, 12, TraceRecord.Tokens.FROM_PROVIDER))
        .spans(List.of(new TraceRecord.Span(root, null, "gateway /v1/chat/completions", "request", 0, 12, "ok", null),
            new TraceRecord.Span(TraceIds.nextSpanId(), root, "llm /chat/completions", "llm", 1, 10, "ok",
                Map.of("attempt", 1, "model_requested", "gpt-4o-mini", "http_status", 200))))
        .build();
  }

  @Test
  void unavailableAnswersAreRetriedWithBackoffThenTheBatchIsDelivered() throws Exception {
    try (RecordingEndpoint receiver = new RecordingEndpoint("/v1/traces", 503, 429)) {
      OtlpExporter exporter = new OtlpExporter(settings(receiver.base() + "/v1/traces", 10), SPANS);
      assertThat(exporter.offer(trace())).isTrue();
      receiver.next();
      exporter.close();
      assertThat(receiver.calls()).isEqualTo(3);
      assertThat(exporter.failedRequests()).isEqualTo(2);
      assertThat(exporter.exportedSpans()).isEqualTo(2);
      assertThat(exporter.droppedSpans()).isZero();
    }
  }

  @Test
  void aRefusedBatchIsNotRetriedAndItsSpansAreCountedAsDropped() throws Exception {
    try (RecordingEndpoint receiver = new RecordingEndpoint("/v1/traces", 400)) {
      OtlpExporter exporter = new OtlpExporter(settings(receiver.base() + "/v1/traces", 10), SPANS);
      exporter.offer(trace());
      receiver.awaitCalls(1);
      exporter.offer(trace()); // a later batch goes through
      receiver.next();
      exporter.close();
      assertThat(receiver.calls()).isEqualTo(2);
      assertThat(exporter.failedRequests()).isEqualTo(1);
      assertThat(exporter.droppedSpans()).isEqualTo(2);
      assertThat(exporter.exportedSpans()).isEqualTo(2);
    }
  }

  @Test
  void aDeadEndpointDropsAndCountsWithoutBlockingTheOfferingThread() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort(); // closed again: nothing listens there
    }
    OtlpExporter exporter = new OtlpExporter(settings("http://127.0.0.1:" + deadPort + "/v1/traces", 4), SPANS);
    int offered = 0;
    int accepted = 0;
    for (int i = 0; i < 50; i++) {
      offered++;
      accepted += exporter.offer(trace()) ? 1 : 0;
    }
    exporter.close(); // one last pass: every queued batch gets its attempts, then is dropped
    assertThat(exporter.exportedSpans()).isZero();
    assertThat(exporter.droppedSpans()).isEqualTo(2L * offered);
    assertThat(accepted).isLessThan(offered); // the bounded queue refused the rest at once
    assertThat(exporter.failedRequests()).isPositive();
  }

  @Test
  void langfuseStyleJsonExportCarriesItsHeadersAndHexIds() throws Exception {
    try (RecordingEndpoint receiver = new RecordingEndpoint("/api/public/otel/v1/traces")) {
      String auth = Base64.getEncoder().encodeToString("pk-lf-test:sk-lf-test".getBytes());
      GatewayConfig.Otlp otlp = new ConfigLoader(ConfigSource.bundled(), Map.of(
          "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.base() + "/api/public/otel",
          "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic%20" + auth + ",x-langfuse-ingestion-version=4",
          "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json",
          "OTEL_BSP_SCHEDULE_DELAY", "20")).load().otlp();
      OtlpExporter exporter = new OtlpExporter(otlp, SPANS);
      TraceRecord trace = trace();
      exporter.offer(trace);
      RecordingEndpoint.Received r = receiver.next();
      exporter.close();

      assertThat(r.path()).isEqualTo("/api/public/otel/v1/traces");
      assertThat(r.header("Authorization")).isEqualTo("Basic " + auth);
      assertThat(r.header("x-langfuse-ingestion-version")).isEqualTo("4");
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      JsonNode spans = Json.MAPPER.readTree(r.body()).path("resourceSpans").get(0).path("scopeSpans").get(0)
          .path("spans");
      assertThat(spans).hasSize(2);
      assertThat(spans.get(0).path("traceId").asText()).isEqualTo(trace.traceId().replace("-", ""));
      assertThat(spans.get(0).path("spanId").asText()).isEqualTo(trace.spans().get(0).spanId());
      assertThat(spans.get(1).path("parentSpanId").asText()).isEqualTo(trace.spans().get(0).spanId());
      assertThat(spans.get(1).path("name").asText()).isEqualTo("chat gpt-4o-mini");
    }
  }
}
