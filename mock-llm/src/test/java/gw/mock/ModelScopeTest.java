package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelScopeTest {

  private static final ModelScope GPT_4O = new ModelScope(List.of("gpt-4o"));

  @Test
  void aNameMatchesItselfAndItsDatedSnapshots() {
    assertThat(GPT_4O.matches("gpt-4o")).isTrue();
    assertThat(GPT_4O.matches("gpt-4o-2024-08-06")).isTrue();
    assertThat(GPT_4O.matches("gpt-4o-0513")).isTrue();
  }

  @Test
  void aSiblingModelSharingThePrefixDoesNotMatch() {
    assertThat(GPT_4O.matches("gpt-4o-mini")).isFalse();
    assertThat(GPT_4O.matches("gpt-4o-mini-2024-07-18")).isFalse();
    assertThat(GPT_4O.matches("gpt-4")).isFalse();
    assertThat(GPT_4O.matches("gpt-4o-2024-08")).isFalse();
    assertThat(GPT_4O.matches("GPT-4O")).isFalse();
    assertThat(GPT_4O.matches(null)).isFalse();
  }

  @Test
  void noModelsMeansEveryModel() {
    assertThat(ModelScope.all().matches("gpt-4o-mini")).isTrue();
    assertThat(ModelScope.all().matches(null)).isTrue();
  }

  @Test
  void anyListedNameMatches() {
    ModelScope two = new ModelScope(List.of("gpt-4o", "gpt-4.1-mini"));
    assertThat(two.matches("gpt-4.1-mini-2025-04-14")).isTrue();
    assertThat(two.matches("gpt-4.1")).isFalse();
  }
}
