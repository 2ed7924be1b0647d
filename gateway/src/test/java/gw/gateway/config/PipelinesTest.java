package gw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PipelinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static java.util.List<String> validate(String json) throws Exception {
    return Pipelines.validate("gateway.json", json == null ? null : JSON.readTree(json));
  }

  @Test
  void theShippedConfigRunsEveryPolicyButTheOptInUpstreamRedaction() {
    GatewayConfig c = new ConfigLoader(ConfigSource.bundled(), java.util.Map.of()).load();
    assertThat(c.pipeline()).isEqualTo(Pipelines.DEFAULT).doesNotContain("upstream_redaction");
  }

  @Test
  void absentMeansTheDefaultAndAValidListIsKeptInOrder() throws Exception {
    assertThat(validate(null)).isEqualTo(Pipelines.DEFAULT);
    assertThat(validate("[\"identify\", \"context\", \"upstream_redaction\", \"trace\"]"))
        .containsExactly("identify", "context", "upstream_redaction", "trace");
  }

  @Test
  void mistakesAreRefusedWithTheFix() {
    assertThatThrownBy(() -> validate("[\"identify\", \"retry\", \"trace\"]"))
        .hasMessageContaining("unknown policy 'retry'");
    assertThatThrownBy(() -> validate("[\"identify\", \"budget\", \"spend\", \"budget\", \"trace\"]"))
        .hasMessageContaining("'budget' twice");
    assertThatThrownBy(() -> validate("[\"context\", \"identify\", \"trace\"]"))
        .hasMessageContaining("must start with identify");
    assertThatThrownBy(() -> validate("[\"identify\", \"trace\", \"context\"]"))
        .hasMessageContaining("must end with trace");
    assertThatThrownBy(() -> validate("[\"identify\", \"budget\", \"trace\"]"))
        .hasMessageContaining("budget without spend");
    assertThatThrownBy(() -> validate("\"identify\"")).hasMessageContaining("must be an array");
  }
}
