package gw.gateway.policy.identify;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Policy;
import gw.gateway.config.GatewayConfig.GatewayKey;
import gw.gateway.security.Credentials;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Maps the client's gateway key ({@code Authorization: Bearer ...}, or {@code x-api-key}) to tenant, team and tier. */
public final class IdentifyPolicy implements Policy {
  /** Headers only the gateway's own replays may set (with the in-process replay key). */
  public static final String REPLAY_OF = "x-gateway-replay-of";
  public static final String REPLAY_TENANT = "x-gateway-replay-tenant";
  public static final String REPLAY_TEAM = "x-gateway-replay-team";
  public static final String REPLAY_TIER = "x-gateway-replay-tier";
  public static final String REPLAY_ACTION = "replay";

  /** Stands for the replay key in the lookup, so every request costs one digest, replay or not. */
  private static final Identity REPLAY = new Identity("replay", null, null, null);

  private final Credentials<Identity> byKey = new Credentials<>();
  /** The tenant, team and tier of each configured key: the only identities a replay may act as. */
  private final Set<List<String>> configured = new HashSet<>();

  /**
   * @param replayKey a random key made at start-up that never leaves the process: a request with it
   *     is a replay, acting as the configured key the replayer chose for the original's tenant
   */
  public IdentifyPolicy(List<GatewayKey> keys, String replayKey) {
    for (GatewayKey k : keys) {
      byKey.add(k.key(), new Identity(k.name(), k.tenant(), k.team(), k.tier()));
      configured.add(List.of(k.tenant(), k.team(), k.tier()));
    }
    if (replayKey != null) {
      byKey.add(replayKey, REPLAY);
    }
  }

  static final String API_KEY_HEADER = "x-api-key";

  /** The key is all headers: checked before the body is read, so a stranger's body is never parsed or stored. */
  @Override
  public Future<Void> onHeaders(Exchange exchange) {
    String auth = exchange.requestHeaders().get(HttpHeaders.AUTHORIZATION);
    if (auth == null || auth.isBlank()) {
      auth = exchange.requestHeaders().get(API_KEY_HEADER); // Anthropic's SDKs send their key this way
    }
    if (auth == null || auth.isBlank()) {
      return Future.failedFuture(GatewayFailure.unauthorized("You didn't provide an API key. Send your gateway "
          + "key as 'Authorization: Bearer <key>' (or 'x-api-key: <key>', as Anthropic's SDKs do)."));
    }
    String key = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : auth.trim();
    Identity identity = byKey.find(key).orElse(null);
    if (identity == REPLAY) {
      return replay(exchange);
    }
    if (identity == null) {
      return Future.failedFuture(GatewayFailure.unauthorized(
          "Incorrect API key provided: " + mask(key) + ". Use a gateway key from the gateway's configuration."));
    }
    exchange.identity(identity);
    return DONE;
  }

  /** Even the in-process replayer can only act as a configured key's tenant, team and tier. */
  private Future<Void> replay(Exchange exchange) {
    var h = exchange.requestHeaders();
    Identity as = new Identity("replay", h.get(REPLAY_TENANT), h.get(REPLAY_TEAM), h.get(REPLAY_TIER));
    if (as.tenant() == null || as.team() == null || as.tier() == null
        || !configured.contains(List.of(as.tenant(), as.team(), as.tier()))) {
      return Future.failedFuture(GatewayFailure.unauthorized(
          "A replay must act as a configured gateway key's tenant, team and tier."));
    }
    exchange.identity(as);
    exchange.replayOf(h.get(REPLAY_OF));
    exchange.addAction(REPLAY_ACTION); // a replay's trace is always kept: the comparison needs it
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
