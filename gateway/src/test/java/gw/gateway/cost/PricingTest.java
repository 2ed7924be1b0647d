package gw.gateway.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import gw.gateway.config.ConfigSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PricingTest {
  private final Pricing pricing = Pricing.load(ConfigSource.bundled());

  @Test
  void aProvidersOwnPricesApplyToItsAnswersOnly() {
    Pricing own = Pricing.load(ConfigSource.bundled().withEdits("pricing.json", Map.of("/providers",
        Map.of("azure", Map.of("gpt-4o", Map.of("input", 5.0, "output", 20.0, "cached_input", 2.5))))));
    // gpt-4o list: $2.50 in, $1.25 cached, $10.00 out; at azure: $5.00, $2.50, $20.00.
    assertThat(own.costUsd("azure", "gpt-4o", 1_000, 100, 200, 0, 0))
        .isCloseTo((800 * 5.0 + 200 * 2.5 + 100 * 20.0) / 1e6, within(1e-15));
    assertThat(own.costUsd("openai", "gpt-4o", 1_000, 100, 200, 0, 0))
        .isCloseTo((800 * 2.5 + 200 * 1.25 + 100 * 10.0) / 1e6, within(1e-15));
    assertThat(own.costUsd("azure", "gpt-4o-mini", 1_000_000, 0, 0, 0, 0)).as("not listed there: the list price")
        .isCloseTo(0.15, within(1e-12));
  }

  @Test
  void pricesGpt4oMiniAsTheSeedSays() {
    // 1M in at $0.15 and 1M out at $0.60
    assertThat(pricing.costUsd("gpt-4o-mini", 1_000_000, 1_000_000)).isCloseTo(0.75, within(1e-9));
  }

  /** Hand-computed from OpenAI's list prices per 1M tokens (input / cached input / output). */
  @Test
  void cachedInputAndReasoningOutputAreChargedAtTheirOwnPrices() {
    // gpt-4o-mini: 2,048 prompt tokens of which 1,920 cached, 100 completion tokens.
    // (128 × 0.15 + 1,920 × 0.075 + 100 × 0.60) / 1M = (19.2 + 144 + 60) / 1M
    assertThat(pricing.costUsd("gpt-4o-mini", 2_048, 100, 1_920, 0, 0)).isCloseTo(223.2e-6, within(1e-12));
    // o3-mini: 1,000 prompt (none cached), 300 completion of which 200 reasoning, billed as output.
    // (1,000 × 1.10 + 300 × 4.40) / 1M = (1,100 + 1,320) / 1M
    assertThat(pricing.costUsd("o3-mini", 1_000, 300, 0, 200, 0)).isCloseTo(2_420e-6, within(1e-12));
    // gpt-3.5-turbo has no cached price: a cache read costs the input price.
    assertThat(pricing.costUsd("gpt-3.5-turbo", 2_048, 0, 1_024, 0, 0))
        .isCloseTo(pricing.costUsd("gpt-3.5-turbo", 2_048, 0), within(1e-15));
    // A reasoning price of its own, and counts beyond the totals clamped to them.
    Pricing own = new Pricing(Map.of("r1", new Pricing.Price(1.0, 2.0, 0.5, 8.0, 1.25)));
    assertThat(own.costUsd("r1", 100, 50, 40, 30, 0)).isCloseTo((60 * 1.0 + 40 * 0.5 + 20 * 2.0 + 30 * 8.0) / 1e6, within(1e-15));
    assertThat(own.costUsd("r1", 100, 50, 40, 30, 20))
        .isCloseTo((40 * 1.0 + 40 * 0.5 + 20 * 1.25 + 20 * 2.0 + 30 * 8.0) / 1e6, within(1e-15));
    assertThat(own.costUsd("r1", 100, 50, 500, 500, 500)).isCloseTo((100 * 0.5 + 50 * 8.0) / 1e6, within(1e-15));
  }

  @Test
  void datedModelNamesUseTheirLongestPrefix() {
    assertThat(pricing.priceOf("gpt-4o-mini-2024-07-18")).isEqualTo(pricing.priceOf("gpt-4o-mini"));
    assertThat(pricing.priceOf("gpt-4o-2024-08-06")).isEqualTo(pricing.priceOf("gpt-4o"));
  }

  @Test
  void theLongestConfiguredPrefixWinsForAnyName() {
    Map<String, Pricing.Price> table = new TreeMap<>();
    for (String key : List.of("a", "ab", "abc-x", "abd", "b-1", "gpt-4o", "gpt-4o-mini", "o1")) {
      table.put(key, new Pricing.Price(key.length(), 0));
    }
    Pricing small = new Pricing(table);
    assertThat(small.configuredName("abc-y")).isEqualTo("ab");
    assertThat(small.configuredName("abc-x-2024")).isEqualTo("abc-x");
    assertThat(small.configuredName("b")).isNull();
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = random.nextInt(8); n > 0; n--) {
        name.append("abcdx-1".charAt(random.nextInt(7)));
      }
      String model = name.toString();
      String longest = table.keySet().stream().filter(model::startsWith)
          .max(Comparator.comparingInt(String::length)).orElse(null);
      assertThat(small.configuredName(model)).as(model).isEqualTo(longest);
    }
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
