package gw.gateway.upstream;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the gateway. Hop-by-hop headers never do (RFC 9110 7.6.1); the client's
 * gateway key is replaced by the provider key; the app's gateway-context headers stay here
 * (a raw user id must not reach the provider); {@code accept-encoding} is dropped so the gateway
 * can read what it traces.
 */
public final class HeaderRules {
  private static final Set<String> HOP_BY_HOP = Set.of(
      "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
      "transfer-encoding", "upgrade", "proxy-connection");
  private static final Set<String> NOT_UPSTREAM = Set.of(
      "host", "content-length", "authorization", "accept-encoding", "x-user-id", "x-session-id",
      "x-conversation-id", "x-feature", "x-gateway-replay-of", "x-gateway-replay-tenant", "x-gateway-replay-team",
      "x-gateway-replay-tier");
  private static final Set<String> NOT_DOWNSTREAM = Set.of("content-length");

  private HeaderRules() {}

  public static void copyToUpstream(MultiMap from, MultiMap to) {
    copy(from, to, NOT_UPSTREAM);
  }

  public static void copyToClient(MultiMap from, MultiMap to) {
    copy(from, to, NOT_DOWNSTREAM);
  }

  private static void copy(MultiMap from, MultiMap to, Set<String> excluded) {
    for (Map.Entry<String, String> h : from) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !excluded.contains(name)) {
        to.add(h.getKey(), h.getValue());
      }
    }
  }
}
