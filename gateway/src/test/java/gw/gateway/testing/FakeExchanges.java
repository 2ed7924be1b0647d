package gw.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Metered;
import gw.gateway.chain.RequestContext;
import gw.gateway.chain.Route;
import io.vertx.core.MultiMap;
import java.time.Instant;

/** Exchanges as the chain would hand them to a policy, without a server. */
public final class FakeExchanges {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeExchanges() {}

  public static Exchange exchange(Route route, Identity identity, String jsonBody) {
    Exchange ex = new Exchange("trace-1", route, MultiMap.caseInsensitiveMultiMap(), Instant.now(), 1);
    ex.identity(identity);
    if (jsonBody != null) {
      try {
        ObjectNode body = (ObjectNode) JSON.readTree(jsonBody);
        ex.body(body);
        if (body.hasNonNull("model")) {
          ex.modelRequested(body.get("model").asText());
        }
      } catch (Exception e) {
        throw new IllegalArgumentException(jsonBody, e);
      }
    }
    return ex;
  }

  public static Exchange chat(Identity identity, String jsonBody) {
    return exchange(Route.CHAT_COMPLETIONS, identity, jsonBody);
  }

  public static Exchange withFeature(Exchange ex, String feature) {
    ex.context(new RequestContext(null, null, null, null, feature, null, null));
    return ex;
  }

  /** Runs what the policies registered for metering, as the metering stage would. */
  public static void meter(Exchange ex, Metered metered) {
    ex.settlements().forEach(s -> s.accept(metered));
  }
}
