package gw.gateway.policy.identify;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Policy;
import gw.gateway.config.GatewayConfig.GatewayKey;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps the client's gateway key ({@code Authorization: Bearer ...}) to tenant, team and tier. */
public final class IdentifyPolicy implements Policy {
  private final Map<String, Identity> byKey = new HashMap<>();

  public IdentifyPolicy(List<GatewayKey> keys) {
    for (GatewayKey k : keys) {
      byKey.put(k.key(), new Identity(k.name(), k.tenant(), k.team(), k.tier()));
    }
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    String auth = exchange.requestHeaders().get(HttpHeaders.AUTHORIZATION);
    if (auth == null || auth.isBlank()) {
      return Future.failedFuture(GatewayFailure.unauthorized(
          "You didn't provide an API key. Send your gateway key as 'Authorization: Bearer <key>'."));
    }
    String key = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : auth.trim();
    Identity identity = byKey.get(key);
    if (identity == null) {
      return Future.failedFuture(GatewayFailure.unauthorized(
          "Incorrect API key provided: " + mask(key) + ". Use a gateway key from the gateway's configuration."));
    }
    exchange.identity(identity);
    return DONE;
  }

  /** Shows just enough of a wrong key to recognise it, like OpenAI does. */
  static String mask(String key) {
    if (key.length() <= 8) {
      return "****";
    }
    return key.substring(0, 3) + "****" + key.substring(key.length() - 4);
  }
}
