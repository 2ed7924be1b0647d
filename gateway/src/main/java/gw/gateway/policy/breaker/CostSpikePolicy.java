package gw.gateway.policy.breaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Metered;
import gw.gateway.chain.Policy;
import gw.gateway.incident.IncidentClass;
import gw.gateway.openai.ModelNames;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * COST_SPIKE: a chat request that costs more than {@code max_cost_per_request_usd} or uses more
 * than {@code max_tokens_per_request} is a spike; when spikes reach the window's share the breaker
 * opens and, until a half-open probe comes back cheap, every chat request is mitigated: low tiers
 * are shed (503), expensive models switch to their {@code cheaper_models} entry, and
 * {@code max_tokens} is capped. In observe mode the same decisions are only recorded.
 */
public final class CostSpikePolicy implements Policy {
  public static final String SHED_ACTION = "cost_spike/shed";
  public static final String DOWNGRADE_ACTION = "cost_spike/downgrade_model";
  public static final String CAP_ACTION = "cost_spike/cap_max_tokens";

  private final Breaker breaker;
  private final WindowBreaker window;
  private final BreakersConfig.CostSpike config;

  public CostSpikePolicy(Breakers breakers) {
    this.breaker = breakers.get(IncidentClass.COST_SPIKE);
    this.window = (WindowBreaker) breaker.trigger();
    this.config = breakers.config().costSpike();
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    if (!exchange.route().isCompletion()) {
      return DONE;
    }
    boolean learns = breaker.mode().triggerRuns();
    return switch (breaker.decide()) {
      case PASS -> {
        if (learns) {
          exchange.onMetered(m -> {
            if (!m.estimated()) {
              String why = spike(m);
              window.record(why != null, why);
            }
          });
        }
        yield DONE;
      }
      case PROBE -> {
        exchange.onMetered(m -> window.probeResult(spike(m) == null));
        yield DONE;
      }
      case INTERCEPT -> mitigate(exchange);
    };
  }

  private Future<Void> mitigate(Exchange exchange) {
    if (config.shedTiers().contains(exchange.identity().tier())) {
      if (!breaker.act(exchange, SHED_ACTION)) {
        return DONE;
      }
      return Future.failedFuture(GatewayFailure.unavailable("cost_spike_shed", "The gateway's COST_SPIKE breaker is "
          + "open and requests from the '" + exchange.identity().tier() + "' tier are paused to contain spend. "
          + "Retry after the Retry-After delay.", Math.max(1, config.window().openMs() / 1000)));
    }
    ObjectNode body = exchange.body();
    String cheaper = cheaperModel(exchange.modelRequested());
    String field = body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    long asked = body.path(field).isIntegralNumber() ? body.get(field).asLong() : Long.MAX_VALUE;
    boolean cap = asked > config.capMaxTokens();
    List<String> actions = new ArrayList<>(2);
    if (cheaper != null) {
      actions.add(DOWNGRADE_ACTION);
    }
    if (cap) {
      actions.add(CAP_ACTION);
    }
    if (!breaker.act(exchange, actions.toArray(String[]::new))) {
      return DONE;
    }
    if (cheaper != null) {
      exchange.routeTo(cheaper, DOWNGRADE_ACTION);
    }
    if (cap) {
      body.put(field, config.capMaxTokens());
    }
    exchange.markBodyModified();
    return DONE;
  }

  /** The configured cheaper model for this one (or its dated snapshot), or null. */
  String cheaperModel(String model) {
    return ModelNames.lookup(config.cheaperModels(), model);
  }

  /** Why this request counts as a spike, or null. */
  private String spike(Metered m) {
    if (m.failed() || m.estimated()) {
      return null;
    }
    if (m.costUsd() > config.maxCostPerRequestUsd()) {
      return "cost per request $" + String.format("%.4f", m.costUsd()) + " above $" + config.maxCostPerRequestUsd();
    }
    if (m.totalTokens() > config.maxTokensPerRequest()) {
      return m.totalTokens() + " tokens per request above " + config.maxTokensPerRequest();
    }
    return null;
  }
}
