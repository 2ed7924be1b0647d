package gw.gateway.metrics;

import gw.gateway.chain.ErrorType;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import gw.gateway.cost.Pricing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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

  private final MeterRegistry registry;
  private final Pricing pricing;

  RequestMetrics(MeterRegistry registry, Pricing pricing) {
    this.registry = registry;
    this.pricing = pricing;
  }

  public void record(Exchange ex, Metered m, double latencyMs, Double upstreamMs, Double ttftMs) {
    String route = ex.route().path();
    String model = model(ex);
    String tier = TIERS.contains(ex.identity().tier()) ? ex.identity().tier() : "other";
    String version = ex.promptServedVersion() != null ? ex.promptServedVersion() : "none";
    String errorType = ErrorType.of(ex, m.failed()).tag();
    Counter.builder("gw.requests").description("Requests by outcome; error_type none for a success")
        .tags(Tags.of("route", route, "model", model, "tier", tier, "prompt_version", version, "error_type", errorType))
        .register(registry).increment();
    timer("gw.request.duration", "Whole request, as the client saw it", route, model, tier).record(ms(latencyMs));
    if (upstreamMs != null) {
      timer("gw.upstream.duration", "The provider's share of the request", route, model, tier).record(ms(upstreamMs));
    }
    if (ttftMs != null) {
      timer("gw.time.to.first.token", "Time to the first streamed event", route, model, tier).record(ms(ttftMs));
    }
    if (!m.estimated()) {
      Counter.builder("gw.tokens").description("Tokens, provider usage or tokenizer count")
          .tags(Tags.of("model", model, "direction", "in")).register(registry).increment(m.promptTokens());
      Counter.builder("gw.tokens").description("Tokens, provider usage or tokenizer count")
          .tags(Tags.of("model", model, "direction", "out")).register(registry).increment(m.completionTokens());
      Counter.builder("gw.cost.usd").description("Spend in USD from the pricing table")
          .tags(Tags.of("model", model, "tier", tier)).register(registry).increment(m.costUsd());
    }
    long throttled = ex.attempts().stream().filter(a -> ex.statusOf(a) == 429).count();
    if (throttled > 0) {
      Counter.builder("gw.upstream.throttled").description("Upstream attempts answered 429, retried or not")
          .tags(Tags.of("model", model)).register(registry).increment(throttled);
    }
    if (m.quality() != null) {
      Counter.builder("gw.quality.answers").description("Answers judged by the quality proxies")
          .tags(Tags.of("model", model, "prompt_version", version, "result", m.quality().passed() ? "pass" : "fail"))
          .register(registry).increment();
    }
    if (ex.context().tools() != null) {
      ex.context().tools().forEach(t -> Counter.builder("gw.tool.calls").description("Tool calls the app reported")
          .tags(Tags.of("result", t.succeeded() ? "success" : "failure"))
          .register(registry).increment());
    }
  }

  private Timer timer(String name, String description, String route, String model, String tier) {
    return Timer.builder(name).description(description).tags(Tags.of("route", route, "model", model, "tier", tier))
        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
  }

  private String model(Exchange ex) {
    String name = pricing.configuredName(ex.routedModel());
    return name != null ? name : "other";
  }

  private static Duration ms(double millis) {
    return Duration.ofNanos((long) (millis * 1_000_000));
  }
}
