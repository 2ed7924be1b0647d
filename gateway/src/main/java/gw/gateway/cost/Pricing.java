package gw.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * USD prices per 1M tokens from {@code pricing.json}. A dated or suffixed model name
 * ({@code gpt-4o-mini-2024-07-18}) is priced as its longest configured prefix.
 */
public final class Pricing {
  static final String FILE = "pricing.json";

  public record Price(double inputPerMillion, double outputPerMillion) {}

  private final TreeMap<String, Price> byModel;

  public Pricing(Map<String, Price> byModel) {
    this.byModel = new TreeMap<>(byModel);
  }

  public static Pricing load(ConfigSource source) {
    JsonNode models = source.read(FILE).path("models");
    if (!models.isObject() || models.isEmpty()) {
      throw new ConfigException(source.describe(FILE) + ": models must be an object of {model: {input, output}}");
    }
    Map<String, Price> prices = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      prices.put(e.getKey(), new Price(
          nonNegative(source, e.getKey(), "input", e.getValue()),
          nonNegative(source, e.getKey(), "output", e.getValue())));
    }
    return new Pricing(prices);
  }

  private static double nonNegative(ConfigSource source, String model, String field, JsonNode price) {
    JsonNode v = price.get(field);
    if (v == null || !v.isNumber() || v.asDouble() < 0) {
      throw new ConfigException(source.describe(FILE) + ": models." + model + "." + field
          + " must be a number >= 0 (USD per 1M tokens), got " + v);
    }
    return v.asDouble();
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
    if (byModel.containsKey(model)) {
      return model;
    }
    Map.Entry<String, Price> floor = byModel.floorEntry(model);
    while (floor != null) {
      if (model.startsWith(floor.getKey())) {
        return floor.getKey();
      }
      floor = byModel.lowerEntry(floor.getKey());
    }
    return null;
  }

  public Double costUsd(String model, int promptTokens, int completionTokens) {
    Price p = priceOf(model);
    if (p == null) {
      return null;
    }
    return (promptTokens * p.inputPerMillion() + completionTokens * p.outputPerMillion()) / 1_000_000d;
  }
}
