package gw.gateway.cost;

import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigFields;
import gw.gateway.config.ConfigSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * USD prices per 1M tokens from {@code pricing.json}: input, output, and the providers' own prices for
 * cached input (a prompt-cache read), cache writes (Anthropic's) and reasoning output, which default
 * to input, input and output. A dated or suffixed model name ({@code gpt-4o-mini-2024-07-18}) is
 * priced as its longest configured prefix.
 */
public final class Pricing {
  static final String FILE = "pricing.json";

  public record Price(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion,
      double reasoningPerMillion, double cacheWritePerMillion) {
    /** Cached input and cache writes at the input price, reasoning at the output price. */
    public Price(double inputPerMillion, double outputPerMillion) {
      this(inputPerMillion, outputPerMillion, inputPerMillion, outputPerMillion, inputPerMillion);
    }
  }

  private final TreeMap<String, Price> byModel;
  /** A provider's own prices (a reseller's, a cloud's) for the models it lists; the others at {@code byModel}'s. */
  private final Map<String, Pricing> byProvider;

  public Pricing(Map<String, Price> byModel) {
    this(byModel, Map.of());
  }

  public Pricing(Map<String, Price> byModel, Map<String, Pricing> byProvider) {
    this.byModel = new TreeMap<>(byModel);
    this.byProvider = Map.copyOf(byProvider);
  }

  /** {@code pricing.json} as written: USD per 1M tokens, the only currency and unit the gateway counts in. */
  record PricingFile(String currency, String unit, Map<String, PriceJson> models,
      Map<String, Map<String, PriceJson>> providers) {}

  record PriceJson(Double input, Double output, Double cachedInput, Double reasoning, Double cacheWrite) {}

  public static Pricing load(ConfigSource source) {
    PricingFile file = source.bind(FILE, PricingFile.class);
    ConfigFields f = source.fields(FILE);
    if (file.currency() != null) {
      f.oneOf("currency", file.currency(), List.of("USD"));
    }
    if (file.unit() != null) {
      f.oneOf("unit", file.unit(), List.of("per 1M tokens"));
    }
    if (file.models() == null || file.models().isEmpty()) {
      throw new ConfigException(source.describe(FILE) + ": models must be an object of {model: {input, output}}");
    }
    Map<String, Pricing> byProvider = new TreeMap<>();
    if (file.providers() != null) {
      file.providers().forEach((provider, models) -> byProvider.put(provider,
          new Pricing(prices(f, "providers." + provider, models == null ? Map.of() : models))));
    }
    return new Pricing(prices(f, "models", file.models()), byProvider);
  }

  private static Map<String, Price> prices(ConfigFields f, String section, Map<String, PriceJson> models) {
    Map<String, Price> prices = new TreeMap<>();
    models.forEach((model, price) -> {
      String at = section + "." + model;
      if (price == null) {
        throw f.error(at, "is null", "write {\"input\": 0.15, \"output\": 0.60}");
      }
      double input = nonNegative(f, at + ".input", price.input());
      double output = nonNegative(f, at + ".output", price.output());
      prices.put(model, new Price(input, output,
          price.cachedInput() == null ? input : nonNegative(f, at + ".cached_input", price.cachedInput()),
          price.reasoning() == null ? output : nonNegative(f, at + ".reasoning", price.reasoning()),
          price.cacheWrite() == null ? input : nonNegative(f, at + ".cache_write", price.cacheWrite())));
    });
    return prices;
  }

  private static double nonNegative(ConfigFields f, String field, Double v) {
    if (v == null || v < 0) {
      throw f.error(field, "must be a number >= 0 (USD per 1M tokens), got " + v, "write the provider's list price");
    }
    return v;
  }

  /** The price for a model, or null when it is not in the table (the trace then has no cost). */
  public Price priceOf(String model) {
    String key = configuredName(model);
    return key == null ? null : byModel.get(key);
  }

  /**
   * The table's name for a model (its longest configured prefix: {@code gpt-4o-mini-2024-07-18} is
   * {@code gpt-4o-mini}), or null: a bounded set, fit for a metric label.
   */
  public String configuredName(String model) {
    if (model == null) {
      return null;
    }
    String key = byModel.floorKey(model);
    while (key != null) {
      if (model.startsWith(key)) {
        return key;
      }
      // A key below this one that is a prefix of the model is at most their common part long: the
      // next candidate is the greatest key up to that part, so a miss costs a few look-ups, not the table.
      int common = commonPrefix(key, model);
      key = common == 0 ? null : byModel.floorKey(model.substring(0, common));
    }
    return null;
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  public Double costUsd(String model, int promptTokens, int completionTokens) {
    return costUsd(model, promptTokens, completionTokens, 0, 0, 0);
  }

  /**
   * In OpenAI's accounting: {@code cachedTokens} (read from the provider's prompt cache) and
   * {@code cacheWriteTokens} (written to it) are parts of {@code promptTokens}, {@code reasoningTokens}
   * part of {@code completionTokens}; each part is charged at its own price.
   */
  public Double costUsd(String model, int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens,
      int cacheWriteTokens) {
    return costUsd(null, model, promptTokens, completionTokens, cachedTokens, reasoningTokens, cacheWriteTokens);
  }

  /**
   * As above, at {@code provider}'s own price for the model when {@code pricing.json}'s {@code providers}
   * has one at least as specific as the list's ({@code gpt-4o} there does not price {@code gpt-4o-mini}).
   */
  public Double costUsd(String provider, String model, int promptTokens, int completionTokens, int cachedTokens,
      int reasoningTokens, int cacheWriteTokens) {
    Pricing own = provider == null ? null : byProvider.get(provider);
    String ownName = own == null ? null : own.configuredName(model);
    String listName = configuredName(model);
    Price p = ownName != null && (listName == null || ownName.length() >= listName.length())
        ? own.priceOf(model) : priceOf(model);
    if (p == null) {
      return null;
    }
    int cached = Math.min(Math.max(0, cachedTokens), promptTokens);
    int written = Math.min(Math.max(0, cacheWriteTokens), promptTokens - cached);
    int reasoning = Math.min(Math.max(0, reasoningTokens), completionTokens);
    return ((promptTokens - cached - written) * p.inputPerMillion() + cached * p.cachedInputPerMillion()
        + written * p.cacheWritePerMillion()
        + (completionTokens - reasoning) * p.outputPerMillion() + reasoning * p.reasoningPerMillion()) / 1_000_000d;
  }
}
