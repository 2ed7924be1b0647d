package gw.gateway.upstream;

import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Route;
import gw.gateway.chain.Wire;
import gw.gateway.config.GatewayConfig;
import java.util.List;

/**
 * Which provider serves a model: the configured providers in order (exact names, or prefixes ending in
 * {@code *}), then the upstream for every other model. Built once; read on every event loop.
 */
public final class Providers {
  private final List<GatewayConfig.Provider> routing;

  public Providers(List<GatewayConfig.Provider> routing) {
    this.routing = List.copyOf(routing);
  }

  public List<GatewayConfig.Provider> all() {
    return routing;
  }

  /** The shape a try on {@code route} is sent to {@code provider} in: Responses go to OpenAI's Responses API as they are. */
  public static Wire wireOf(GatewayConfig.Provider provider, Route route) {
    if (provider.kind() == Wire.ANTHROPIC) {
      return Wire.ANTHROPIC;
    }
    return route == Route.RESPONSES && provider.nativeResponses() ? Wire.RESPONSES : Wire.OPENAI;
  }

  /** The provider for {@code model} on {@code route}; a route its kind does not serve is refused. */
  public GatewayConfig.Provider forModel(String model, Route route) {
    GatewayConfig.Provider chosen = routing.get(routing.size() - 1);
    if (model != null) {
      for (GatewayConfig.Provider p : routing) {
        if (p.serves(model)) {
          chosen = p;
          break;
        }
      }
    }
    if (chosen.kind() == Wire.ANTHROPIC && !route.isCompletion()) {
      throw GatewayFailure.invalidRequest("unsupported_route", "model", "Model '" + model + "' is served by the "
          + "Anthropic provider '" + chosen.name() + "', which has no " + route.path() + " API.");
    }
    return chosen;
  }
}
