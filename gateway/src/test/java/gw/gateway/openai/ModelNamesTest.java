package gw.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelNamesTest {
  @Test
  void aDatedSnapshotIsAVersionButASiblingModelIsNot() {
    assertThat(ModelNames.isVersionOf("gpt-4o", "gpt-4o")).isTrue();
    assertThat(ModelNames.isVersionOf("gpt-4o-2024-08-06", "gpt-4o")).isTrue();
    assertThat(ModelNames.isVersionOf("gpt-4o-mini", "gpt-4o")).isFalse();
    assertThat(ModelNames.isVersionOf("gpt-4o-mini-2024-07-18", "gpt-4o")).isFalse();
    assertThat(ModelNames.isVersionOf("gpt-4", "gpt-4o")).isFalse();
    assertThat(ModelNames.lookup(Map.of("gpt-4o", "cheap"), "gpt-4o-2024-08-06")).isEqualTo("cheap");
    assertThat(ModelNames.lookup(Map.of("gpt-4o", "cheap"), "gpt-4o-mini")).isNull();
  }
}
