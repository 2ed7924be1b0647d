package gw.gateway.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import gw.gateway.config.ConfigSource;
import org.junit.jupiter.api.Test;

class PricingTest {
  private final Pricing pricing = Pricing.load(ConfigSource.bundled());

  @Test
  void pricesGpt4oMiniAsTheSeedSays() {
    // 1M in at $0.15 and 1M out at $0.60
    assertThat(pricing.costUsd("gpt-4o-mini", 1_000_000, 1_000_000)).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void datedModelNamesUseTheirLongestPrefix() {
    assertThat(pricing.priceOf("gpt-4o-mini-2024-07-18")).isEqualTo(pricing.priceOf("gpt-4o-mini"));
    assertThat(pricing.priceOf("gpt-4o-2024-08-06")).isEqualTo(pricing.priceOf("gpt-4o"));
  }

  @Test
  void unknownModelsHaveNoCost() {
    assertThat(pricing.costUsd("my-local-llama", 10, 10)).isNull();
  }

  @Test
  void tokenizerCountsRealTokens() {
    TokenCounter counter = new TokenCounter();
    assertThat(counter.count("gpt-4o-mini", "Hello world")).isEqualTo(2);
    assertThat(counter.count("gpt-4o-mini", "")).isZero();
  }
}
