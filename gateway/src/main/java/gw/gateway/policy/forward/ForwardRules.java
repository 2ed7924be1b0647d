package gw.gateway.policy.forward;

import gw.gateway.config.ConfigFields;
import gw.gateway.config.ConfigSource;
import gw.gateway.openai.ModelNames;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the upstream call is retried and where it falls back, from {@code forward.json}: up to
 * {@code maxAttempts} tries of the requested model on a retryable outcome (connect error, attempt
 * timeout, a status in {@code retryOnStatus}), waiting the provider's {@code Retry-After} when it
 * gives one (and retrying only if that is at most {@code maxRetryAfterMs}) or else an exponential
 * backoff with jitter; then one try of each model in the requested model's fallback chain.
 * {@code requestStreamUsage}: ask the provider for a stream's usage when the client did not
 * ({@link StreamUsagePolicy}).
 */
public record ForwardRules(int maxAttempts, long initialBackoffMs, long maxBackoffMs, long maxRetryAfterMs,
    Set<Integer> retryOnStatus, long attemptTimeoutMs, Map<String, List<String>> fallbackModels, HeaderRules headers,
    boolean requestStreamUsage) {
  static final String FILE = "forward.json";
  private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  /** {@code forward.json} as written (unknown fields rejected). */
  record ForwardFile(RetryJson retry, Long attemptTimeoutMs, Map<String, List<String>> fallbackModels,
      HeadersJson headers, Boolean requestStreamUsage) {}

  /** Header names added to the built-in allowlists ({@link HeaderRules}). */
  record HeadersJson(List<String> toProvider, List<String> toClient) {}

  record RetryJson(Long maxAttempts, Long initialBackoffMs, Long maxBackoffMs, Long maxRetryAfterMs,
      List<Integer> retryOnStatus) {
    static final RetryJson NONE = new RetryJson(null, null, null, null, null);
  }

  public static ForwardRules load(ConfigSource source) {
    ForwardFile file = source.bind(FILE, ForwardFile.class);
    ConfigFields f = source.fields(FILE);
    RetryJson retry = Objects.requireNonNullElse(file.retry(), RetryJson.NONE);
    Set<Integer> statuses = new HashSet<>();
    for (Integer status : Objects.requireNonNullElse(retry.retryOnStatus(), List.<Integer>of())) {
      if (status == null || status < 400 || status > 599) {
        throw f.error("retry.retry_on_status", "has " + status, "list HTTP statuses 400..599");
      }
      statuses.add(status);
    }
    Map<String, List<String>> fallbacks = new LinkedHashMap<>();
    Objects.requireNonNullElse(file.fallbackModels(), Map.<String, List<String>>of()).forEach((model, chain) -> {
      if (chain == null || chain.contains(null)) {
        throw f.error("fallback_models." + model, "must be an array of model names", "e.g. [\"gpt-4o-mini\"]");
      }
      fallbacks.put(model, List.copyOf(chain));
    });
    return new ForwardRules(
        (int) f.atLeast("retry.max_attempts", retry.maxAttempts(), 1),
        f.atLeast("retry.initial_backoff_ms", retry.initialBackoffMs(), 0),
        f.atLeast("retry.max_backoff_ms", retry.maxBackoffMs(), 0),
        f.atLeast("retry.max_retry_after_ms", retry.maxRetryAfterMs(), 0),
        Set.copyOf(statuses),
        f.atLeast("attempt_timeout_ms", file.attemptTimeoutMs(), 1),
        Map.copyOf(fallbacks),
        headers(f, file.headers()),
        Objects.requireNonNullElse(file.requestStreamUsage(), true));
  }

  private static HeaderRules headers(ConfigFields f, HeadersJson headers) {
    if (headers == null) {
      return HeaderRules.DEFAULTS;
    }
    return new HeaderRules(headerNames(f, "headers.to_provider", headers.toProvider()),
        headerNames(f, "headers.to_client", headers.toClient()));
  }

  private static List<String> headerNames(ConfigFields f, String field, List<String> names) {
    for (String name : Objects.requireNonNullElse(names, List.<String>of())) {
      if (name == null || !HEADER_NAME.matcher(name).matches()) {
        throw f.error(field, "has '" + name + "', not a header name", "use names like \"x-my-header\"");
      }
      if (HeaderRules.NEVER.contains(name)) {
        throw f.error(field, "has '" + name + "', which the gateway never forwards (a credential, an account "
            + "selector or a hop-by-hop header)", "remove it; docs/SECURITY.md lists these names");
      }
    }
    return names == null ? List.of() : List.copyOf(names);
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
