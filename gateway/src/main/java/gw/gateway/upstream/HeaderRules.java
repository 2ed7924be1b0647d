package gw.gateway.upstream;

import io.vertx.core.MultiMap;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the gateway. Hop-by-hop headers never do (RFC 9110 7.6.1); the client's
 * gateway key is replaced by the provider key; the app's gateway-context headers stay here
 * (a raw user id must not reach the provider); {@code accept-encoding} is dropped so the gateway
 * can read what it traces. Names are matched ignoring case without lower-casing a copy of each.
 */
public final class HeaderRules {
  private static final List<String> HOP_BY_HOP = List.of(
      "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
      "transfer-encoding", "upgrade", "proxy-connection");
  private static final Set<String> NOT_UPSTREAM = ignoringCase(HOP_BY_HOP,
      "host", "content-length", "authorization", "accept-encoding", "x-user-id", "x-session-id",
      "x-conversation-id", "x-feature", "x-gateway-replay-of", "x-gateway-replay-tenant", "x-gateway-replay-team",
      "x-gateway-replay-tier");
  private static final Set<String> NOT_DOWNSTREAM = ignoringCase(HOP_BY_HOP, "content-length");

  private HeaderRules() {}

  public static void copyToUpstream(MultiMap from, MultiMap to) {
    copy(from, to, NOT_UPSTREAM);
  }

  public static void copyToClient(MultiMap from, MultiMap to) {
    copy(from, to, NOT_DOWNSTREAM);
  }

  private static void copy(MultiMap from, MultiMap to, Set<String> excluded) {
    from.forEach((name, value) -> {
      if (!excluded.contains(name)) {
        to.add(name, value);
      }
    });
  }

  /** The hop-by-hop names and {@code more}, looked up ignoring case. */
  private static Set<String> ignoringCase(List<String> hopByHop, String... more) {
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(hopByHop);
    names.addAll(List.of(more));
    return Collections.unmodifiableSet(names);
  }
}
