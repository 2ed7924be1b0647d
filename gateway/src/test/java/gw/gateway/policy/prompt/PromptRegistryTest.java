package gw.gateway.policy.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptRegistryTest {
  private static final Prompt.Version V1 = new Prompt.Version(List.of(new Prompt.Message("system", "old {{context}}")));
  private static final Prompt.Version V2 = new Prompt.Version(List.of(new Prompt.Message("system", "new {{context}}")));

  private static Prompt prompt(Prompt.Canary canary) {
    return new Prompt("p", Map.of("v1", V1, "v2", V2), "v2", "v1", canary);
  }

  @Test
  void pinnedBeatsRollbackWhichBeatsCanaryWhichBeatsActive() {
    Prompt p = prompt(new Prompt.Canary("v1", 1.0));
    assertThat(PromptRegistry.select(p, "v2", true, 0).reason()).isEqualTo(PromptRegistry.Reason.PINNED);
    assertThat(PromptRegistry.select(p, null, true, 0)).isEqualTo(new PromptRegistry.Selection("v1", PromptRegistry.Reason.KNOWN_GOOD));
    assertThat(PromptRegistry.select(p, null, false, 9_999).reason()).isEqualTo(PromptRegistry.Reason.CANARY);
    assertThat(PromptRegistry.select(prompt(null), null, false, 0)).isEqualTo(new PromptRegistry.Selection("v2", PromptRegistry.Reason.ACTIVE));
    assertThatThrownBy(() -> PromptRegistry.select(p, "v9", false, 0)).hasMessageContaining("no version 'v9'");
  }

  @Test
  void theCanaryShareIsRoughlyItsShareOfSessionsAndStablePerSession() {
    Prompt p = prompt(new Prompt.Canary("v1", 0.2));
    int canary = 0;
    for (int i = 0; i < 10_000; i++) {
      if (PromptRegistry.select(p, null, false, PromptPolicy.bucket("session-" + i + "/p")).reason()
          == PromptRegistry.Reason.CANARY) {
        canary++;
      }
    }
    assertThat(canary).isBetween(1_850, 2_150);
    assertThat(PromptPolicy.bucket("session-7/p")).isEqualTo(PromptPolicy.bucket("session-7/p"));
  }

  @Test
  void pointersMustNameExistingVersionsAndVersionsNeverChange() {
    assertThatThrownBy(() -> prompt(null).withPointers("v3", "v1", null)).hasMessageContaining("active names version 'v3'");
    assertThatThrownBy(() -> prompt(new Prompt.Canary("v2", 1.5))).hasMessageContaining("canary.share");
    assertThatThrownBy(() -> prompt(null).withVersion("v1", V2)).hasMessageContaining("already has version v1");
  }

  @Test
  void renderingFillsVariablesAndNamesAMissingOne() {
    assertThat(PromptPolicy.render(V2, Map.of("context", "[source: a] x")).get(0).path("content").asText())
        .isEqualTo("new [source: a] x");
    assertThatThrownBy(() -> PromptPolicy.render(V2, Map.of())).hasMessageContaining("variable 'context'");
  }
}
