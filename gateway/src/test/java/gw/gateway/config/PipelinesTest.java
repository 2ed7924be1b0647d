package gw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import gw.traces.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesTest {
  @TempDir Path dir;

  private static List<String> validate(String json) throws Exception {
    return Pipelines.validate("gateway.json", json == null ? null : Json.MAPPER.readValue(json, new TypeReference<>() {}));
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
  }

  @Test
  void aPipelineThatIsNotAListIsRefusedWhenTheFileIsRead() throws Exception {
    Files.writeString(dir.resolve("gateway.json"), "{\"pipeline\": \"identify\"}");
    assertThatThrownBy(() -> new ConfigLoader(new ConfigSource(dir), Map.of()).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("gateway.json") + ": pipeline must be an array of policy names");
  }
}
