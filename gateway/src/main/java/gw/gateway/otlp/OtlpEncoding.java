package gw.gateway.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import gw.gateway.config.GatewayConfig.OtlpProtocol;
import gw.traces.json.Json;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * An export request as the body OTLP/HTTP expects: protobuf bytes, or the OTLP JSON encoding
 * (protobuf's JSON mapping, except that trace and span ids are hex strings, not base64).
 */
final class OtlpEncoding {
  private static final List<String> ID_FIELDS = List.of("traceId", "spanId", "parentSpanId");
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpEncoding() {}

  static byte[] encode(ExportTraceServiceRequest request, OtlpProtocol protocol) {
    return protocol == OtlpProtocol.HTTP_PROTOBUF ? request.toByteArray() : json(request);
  }

  private static byte[] json(ExportTraceServiceRequest request) {
    try {
      JsonNode tree = Json.MAPPER.readTree(PRINTER.print(request));
      for (JsonNode resource : tree.path("resourceSpans")) {
        for (JsonNode scope : resource.path("scopeSpans")) {
          for (JsonNode span : scope.path("spans")) {
            hexIds((ObjectNode) span);
          }
        }
      }
      return Json.MAPPER.writeValueAsBytes(tree);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an OTLP request could not be printed as JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void hexIds(ObjectNode span) {
    for (String field : ID_FIELDS) {
      JsonNode id = span.get(field);
      if (id != null && id.isTextual()) {
        span.put(field, HexFormat.of().formatHex(Base64.getDecoder().decode(id.asText())));
      }
    }
  }
}
