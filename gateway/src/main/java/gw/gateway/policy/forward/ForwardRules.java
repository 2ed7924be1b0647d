package gw.gateway.policy.forward;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import gw.gateway.openai.ModelNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the upstream call is retried and where it falls back, from {@code forward.json}: up to
 * {@code maxAttempts} tries of the requested model on a retryable outcome (connect error, attempt
 * timeout, a status in {@code retryOnStatus}), waiting the provider's {@code Retry-After} when it
 * gives one (and retrying only if that is at most {@code maxRetryAfterMs}) or else an exponential
 * backoff with jitter; then one try of each model in the requested model's fallback chain.
 */
public record ForwardRules(int maxAttempts, long initialBackoffMs, long maxBackoffMs, long maxRetryAfterMs,
    Set<Integer> retryOnStatus, long attemptTimeoutMs, Map<String, List<String>> fallbackModels) {
  static final String FILE = "forward.json";

  public static ForwardRules load(ConfigSource source) {
    String where = source.describe(FILE);
    JsonNode root = source.read(FILE);
    JsonNode retry = root.path("retry");
    Set<Integer> statuses = new HashSet<>();
    for (JsonNode s : retry.path("retry_on_status")) {
      if (!s.canConvertToInt() || s.asInt() < 400 || s.asInt() > 599) {
        throw new ConfigException(where + ": retry.retry_on_status has " + s + "; list HTTP statuses 400..599");
      }
      statuses.add(s.asInt());
    }
    Map<String, List<String>> fallbacks = new LinkedHashMap<>();
    root.path("fallback_models").fields().forEachRemaining(e -> {
      if (!e.getValue().isArray()) {
        throw new ConfigException(where + ": fallback_models." + e.getKey() + " must be an array of model names");
      }
      List<String> chain = new ArrayList<>();
      e.getValue().forEach(m -> chain.add(m.asText()));
      fallbacks.put(e.getKey(), List.copyOf(chain));
    });
    return new ForwardRules(
        (int) positive(where, retry, "retry.max_attempts", 1),
        positive(where, retry, "retry.initial_backoff_ms", 0),
        positive(where, retry, "retry.max_backoff_ms", 0),
        positive(where, retry, "retry.max_retry_after_ms", 0),
        Set.copyOf(statuses),
        positive(where, root, "attempt_timeout_ms", 1),
        Map.copyOf(fallbacks));
  }

  private static long positive(String where, JsonNode node, String field, long min) {
    JsonNode v = node.get(field.substring(field.lastIndexOf('.') + 1));
    if (v == null || !v.isIntegralNumber() || v.asLong() < min) {
      throw new ConfigException(where + ": " + field + " must be a whole number >= " + min + ", got " + v);
    }
    return v.asLong();
  }

  /** The models to try after the requested one (or its dated snapshot), in order. */
  public List<String> fallbacksFor(String model) {
    List<String> chain = ModelNames.lookup(fallbackModels, model);
    return chain == null ? List.of() : chain;
  }

  /**
   * The wait before retry number {@code retry} (1 = the first retry), or -1 when the provider asked
   * for a longer wait than we accept. Full jitter over the upper half keeps clients from retrying in step.
   */
  public long delayMs(int retry, String retryAfterHeader) {
    if (retryAfterHeader != null) {
      try {
        long ms = Math.round(Double.parseDouble(retryAfterHeader.trim()) * 1000);
        return ms <= maxRetryAfterMs ? Math.max(0, ms) : -1;
      } catch (NumberFormatException e) {
        // an HTTP date: fall back to our own backoff
      }
    }
    long ceiling = Math.min(maxBackoffMs, initialBackoffMs << Math.min(20, retry - 1));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
