package gw.gateway.metrics;

import gw.gateway.chain.ErrorType;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import gw.gateway.cost.Pricing;
import gw.traces.TraceRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;

/**
 * Per-request golden signals, recorded on the metering thread from the measured exchange
 * (never on the request path). Labels are bounded: {@code model} is the pricing table's name or
 * {@code other}, {@code prompt_version} the served version or {@code none}, {@code tier} one of
 * three, {@code route} one of three, {@code error_type} a fixed list; never an id.
 */
public final class RequestMetrics {
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60)};
  private static final Set<String> TIERS = Set.of("free", "pro", "enterprise");
  private static final String TOKENS = "Tokens, provider usage or tokenizer count";
  private static final String DETAIL = "Tokens the provider reported as cache reads or writes (part of in) or reasoning (part of out)";

  private final MeterCache meters;
  private final Pricing pricing;

  RequestMetrics(MeterRegistry registry, Pricing pricing) {
    this.meters = new MeterCache(registry);
    this.pricing = pricing;
  }

  /**
   * The parts of the provider's token counts billed at their own prices: prompt-cache reads (inside
   * {@code direction="in"}) and reasoning (inside {@code direction="out"}).
   */
  public void recordTokenDetails(Exchange ex, TraceRecord.Tokens tokens) {
    if (tokens == null) {
      return;
    }
    String model = model(ex);
    if (tokens.cachedTokens() != null && tokens.cachedTokens() > 0) {
      meters.counter("gw.tokens.detail", DETAIL, "model", model, "kind", "cache_read").increment(tokens.cachedTokens());
    }
    if (tokens.reasoningTokens() != null && tokens.reasoningTokens() > 0) {
      meters.counter("gw.tokens.detail", DETAIL, "model", model, "kind", "reasoning").increment(tokens.reasoningTokens());
    }
    if (tokens.cacheWriteTokens() != null && tokens.cacheWriteTokens() > 0) {
      meters.counter("gw.tokens.detail", DETAIL, "model", model, "kind", "cache_write").increment(tokens.cacheWriteTokens());
    }
  }

  public void record(Exchange ex, Metered m, double latencyMs, Double upstreamMs, Double ttftMs) {
    String route = ex.route().path();
    String model = model(ex);
    String tier = TIERS.contains(ex.identity().tier()) ? ex.identity().tier() : "other";
    String version = ex.promptServedVersion() != null ? ex.promptServedVersion() : "none";
    String errorType = ErrorType.of(ex, m.failed()).tag();
    meters.counter("gw.requests", "Requests by outcome; error_type none for a success", "route", route, "model", model,
        "tier", tier, "prompt_version", version, "error_type", errorType).increment();
    timer("gw.request.duration", "Whole request, as the client saw it", route, model, tier).record(ms(latencyMs));
    if (upstreamMs != null) {
      timer("gw.upstream.duration", "The provider's share of the request", route, model, tier).record(ms(upstreamMs));
    }
    if (ttftMs != null) {
      timer("gw.time.to.first.token", "Time to the first streamed event", route, model, tier).record(ms(ttftMs));
    }
    if (!m.estimated()) {
      meters.counter("gw.tokens", TOKENS, "model", model, "direction", "in").increment(m.promptTokens());
      meters.counter("gw.tokens", TOKENS, "model", model, "direction", "out").increment(m.completionTokens());
      meters.counter("gw.cost.usd", "Spend in USD from the pricing table", "model", model, "tier", tier)
          .increment(m.costUsd());
    }
    int throttled = 0;
    for (Exchange.Attempt a : ex.attempts()) {
      throttled += ex.statusOf(a) == 429 ? 1 : 0;
    }
    if (throttled > 0) {
      meters.counter("gw.upstream.throttled", "Upstream attempts answered 429, retried or not", "model", model)
          .increment(throttled);
    }
    if (m.quality() != null) {
      meters.counter("gw.quality.answers", "Answers judged by the quality proxies", "model", model,
          "prompt_version", version, "result", m.quality().passed() ? "pass" : "fail").increment();
    }
    for (var tool : ex.context().tools()) {
      meters.counter("gw.tool.calls", "Tool calls the app reported",
          "result", tool.succeeded() ? "success" : "failure").increment();
    }
  }

  private Timer timer(String name, String description, String route, String model, String tier) {
    return meters.timer(name, description, LATENCY_BUCKETS, "route", route, "model", model, "tier", tier);
  }

  private String model(Exchange ex) {
    String name = pricing.configuredName(ex.routedModel());
    return name != null ? name : "other";
  }

  private static Duration ms(double millis) {
    return Duration.ofNanos((long) (millis * 1_000_000));
  }
}
