package gw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OTLP section and the standard OTEL_* variables, as the OpenTelemetry SDKs read them. */
class OtlpSettingsTest {
  private static GatewayConfig.Otlp load(Map<String, String> env) {
    return new ConfigLoader(ConfigSource.bundled(), env).load().otlp();
  }

  private static GatewayConfig.Otlp loadWithFile(Map<String, Object> otlp, Map<String, String> env) {
    return new ConfigLoader(ConfigSource.bundled().withEdits("gateway.json", Map.of("/otlp", otlp)), env).load().otlp();
  }

  @Test
  void offUnlessAnEndpointIsGiven() {
    GatewayConfig.Otlp otlp = load(Map.of());
    assertThat(otlp.enabled()).isFalse();
    assertThat(otlp.protocol()).isEqualTo(GatewayConfig.OtlpProtocol.HTTP_PROTOBUF);
    assertThat(otlp.scheduleDelayMs()).isEqualTo(5000);
    assertThat(otlp.captureContent()).isFalse();
  }

  @Test
  void theBaseEndpointGetsTheTracesPathAndTheTracesEndpointIsTakenAsGiven() {
    assertThat(load(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")).tracesEndpoint())
        .isEqualTo(URI.create("http://collector:4318/v1/traces"));
    assertThat(load(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://x.example/custom")).tracesEndpoint())
        .isEqualTo(URI.create("https://x.example/custom"));
  }

  @Test
  void variablesWinOverTheFileAndTracesSpecificOverGeneral() {
    GatewayConfig.Otlp otlp = loadWithFile(Map.of("endpoint", "http://file:4318", "protocol", "http/json",
            "headers", Map.of("a", "file", "b", "file"), "schedule_delay_ms", 1000, "capture_content", true),
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://env:4318", "OTEL_EXPORTER_OTLP_HEADERS", "b=env,c=x%20y",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "c=traces", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
            "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "false"));
    assertThat(otlp.tracesEndpoint()).isEqualTo(URI.create("http://env:4318/v1/traces"));
    assertThat(otlp.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "file", "b", "env", "c", "traces"));
    assertThat(otlp.protocol()).isEqualTo(GatewayConfig.OtlpProtocol.HTTP_PROTOBUF);
    assertThat(otlp.scheduleDelayMs()).isEqualTo(1000);
    assertThat(otlp.captureContent()).isFalse();
    assertThat(load(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "k=x%20y")).headers()).containsEntry("k", "x y");
  }

  @Test
  void theSdkSwitchesTurnExportOff() {
    assertThat(load(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_SDK_DISABLED", "true")).enabled())
        .isFalse();
    assertThat(load(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_TRACES_EXPORTER", "none")).enabled())
        .isFalse();
  }

  @Test
  void badValuesAreRefusedWithTheVariableAndNeverTheHeaderValue() {
    assertThatThrownBy(() -> load(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http/protobuf").hasMessageContaining("gRPC");
    assertThatThrownBy(() -> load(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThatThrownBy(() -> load(Map.of("OTEL_BSP_SCHEDULE_DELAY", "soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("OTEL_BSP_SCHEDULE_DELAY");
    assertThatThrownBy(() -> load(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic s3cr3t,broken")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("entry 2").hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> loadWithFile(Map.of("endpoint", "http://c:4318", "max_attempts", 0), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("otlp.max_attempts");
  }
}
