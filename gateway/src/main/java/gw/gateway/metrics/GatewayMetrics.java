package gw.gateway.metrics;

import gw.gateway.chain.Route;
import gw.gateway.incident.IncidentClass;
import gw.gateway.policy.breaker.Breaker;
import gw.gateway.policy.breaker.BreakerMode;
import gw.gateway.policy.breaker.Breakers;
import gw.gateway.policy.budget.BudgetLedger;
import gw.gateway.policy.budget.BudgetStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's Prometheus metrics, served on the admin port at {@code /metrics}. Labels are
 * bounded (route, never ids). Recorded off the request path, on the trace workers.
 */
public final class GatewayMetrics {
  private static final Duration[] OVERHEAD_BUCKETS = {
      Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000),
      Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Route, Timer> overhead = new EnumMap<>(Route.class);

  public GatewayMetrics() {
    for (Route route : Route.values()) {
      overhead.put(route, Timer.builder("gw.gateway.overhead")
          .description("Time the gateway itself adds to a request: total time minus the upstream call")
          .tag("route", route.path())
          .serviceLevelObjectives(OVERHEAD_BUCKETS)
          .register(registry));
    }
  }

  public void recordOverhead(Route route, long nanos) {
    overhead.get(route).record(Duration.ofNanos(Math.max(0, nanos)));
  }

  /** A monotonic count read from elsewhere (e.g. the trace store) at scrape time. */
  public <T> void countFrom(String name, String description, T source, ToDoubleFunction<T> read, String... tags) {
    FunctionCounter.builder(name, source, read).description(description).tags(tags).register(registry);
  }

  /** A current value read from elsewhere at scrape time. */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> read, String... tags) {
    Gauge.builder(name, source, read).description(description).tags(tags).register(registry);
  }

  /** Three gauges and three counters per breaker class, read from the breakers at scrape time. */
  public void breakers(Breakers breakers) {
    for (IncidentClass c : IncidentClass.values()) {
      Breaker b = breakers.get(c);
      Gauge.builder("gw.breaker.state", b, x -> x.view().state().ordinal())
          .description("Effective breaker state: 0 closed, 1 open, 2 half-open (forced modes included)")
          .tag("class", c.name()).register(registry);
      Gauge.builder("gw.breaker.forced", b, x -> x.mode().triggerRuns() ? 0 : 1)
          .description("1 while an operator holds the breaker open or closed").tag("class", c.name()).register(registry);
      Gauge.builder("gw.breaker.observe", b, x -> x.mode() == BreakerMode.OBSERVE ? 1 : 0)
          .description("1 while the breaker is in observe mode (trips, intercepts nothing)").tag("class", c.name())
          .register(registry);
      FunctionCounter.builder("gw.breaker.trips", b, x -> x.view().trips())
          .description("Times the breaker's own trigger opened it").tag("class", c.name()).register(registry);
      FunctionCounter.builder("gw.breaker.interceptions", b, x -> x.view().interceptions())
          .description("Requests the breaker's mitigation was applied to").tag("class", c.name()).register(registry);
      FunctionCounter.builder("gw.breaker.observed", b, x -> x.view().observed())
          .description("Requests the breaker would have acted on in observe mode").tag("class", c.name())
          .register(registry);
    }
  }

  /**
   * Limit and spend of every configured budget in its current period (labels scope, name, period:
   * the configured set, so bounded), for the budget-burn alert: spend that, at its recent pace,
   * exhausts the day's budget before the day ends.
   */
  public void budgets(BudgetLedger ledger) {
    for (BudgetStatus b : ledger.status()) {
      Tags tags = Tags.of("scope", b.scope().wireName(), "name", b.name(), "period", b.period().wireName());
      Gauge.builder("gw.budget.limit.usd", ledger, l -> find(l, b).limitUsd())
          .description("The budget's limit in its period (USD)").tags(tags).register(registry);
      Gauge.builder("gw.budget.spent.usd", ledger, l -> find(l, b).spentUsd())
          .description("Spent so far in the budget's current period (USD); back to 0 when a period starts")
          .tags(tags).register(registry);
    }
  }

  private static BudgetStatus find(BudgetLedger ledger, BudgetStatus wanted) {
    for (BudgetStatus s : ledger.status()) {
      if (s.scope() == wanted.scope() && s.name().equals(wanted.name()) && s.period() == wanted.period()) {
        return s;
      }
    }
    return wanted;
  }

  /** The per-request golden signals, labelled by model (named as in the pricing table), tier and route. */
  public RequestMetrics requests(gw.gateway.cost.Pricing pricing) {
    return new RequestMetrics(registry, pricing);
  }

  /**
   * What the console's golden signals are made of, all cumulative since start: requests by error type,
   * the whole-request duration histogram (bucket upper bounds in ms, counts at or below each, summed
   * over routes, models and tiers), and the requests in flight now.
   */
  public record Golden(Map<String, Double> requestsByErrorType, double[] boundsMs, double[] cumulative, double inFlight) {}

  public Golden golden() {
    Map<String, Double> byType = new java.util.TreeMap<>();
    for (io.micrometer.core.instrument.Counter c : registry.find("gw.requests").counters()) {
      byType.merge(String.valueOf(c.getId().getTag("error_type")), c.count(), Double::sum);
    }
    double[] bounds = null;
    double[] counts = null;
    for (Timer t : registry.find("gw.request.duration").timers()) {
      io.micrometer.core.instrument.distribution.CountAtBucket[] buckets = t.takeSnapshot().histogramCounts();
      if (bounds == null) {
        bounds = new double[buckets.length];
        counts = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
          bounds[i] = buckets[i].bucket(java.util.concurrent.TimeUnit.MILLISECONDS);
        }
      }
      for (int i = 0; i < buckets.length && i < counts.length; i++) {
        counts[i] += buckets[i].count();
      }
    }
    io.micrometer.core.instrument.Gauge inFlight = registry.find("gw.requests.in.flight").gauge();
    return new Golden(byType, bounds == null ? new double[0] : bounds, counts == null ? new double[0] : counts,
        inFlight == null ? 0 : inFlight.value());
  }

  public String scrape() {
    return registry.scrape();
  }
}
