package gw.gateway.policy.forward;

import io.vertx.core.MultiMap;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the gateway, by allowlist both ways (docs/SECURITY.md). To the provider go
 * only the names a provider needs from a client ({@link #TO_PROVIDER}); the gateway sets
 * {@code Authorization}, {@code Content-Type} and {@code traceparent} (naming its own span) itself, so a client cannot pick the provider
 * account ({@code OpenAI-Organization}, {@code OpenAI-Project}) or reach it with its own
 * credentials, and the app's context headers (a raw user id) stay here. To the client go only
 * {@link #TO_CLIENT}: not the provider's organization, its account-wide {@code x-ratelimit-*}
 * budget, its cookies or server banners. Operators add names in {@code forward.json}'s
 * {@code headers}; the names in {@link #NEVER} cannot be added. Names match ignoring case.
 */
public final class HeaderRules {
  public static final List<String> TO_PROVIDER = List.of("accept", "user-agent", "openai-beta", "idempotency-key",
      "x-request-id", "anthropic-version", "anthropic-beta", "x-mock-chaos", "x-mock-profile", "x-mock-time-scale");
  public static final List<String> TO_CLIENT = List.of("content-type", "cache-control", "retry-after",
      "retry-after-ms", "x-request-id", "request-id", "openai-processing-ms", "openai-version");
  /** Credentials, account selectors, hop-by-hop and framing headers (RFC 9110 7.6.1): never copied. */
  public static final Set<String> NEVER = ignoringCase(List.of("authorization", "proxy-authorization", "api-key",
      "x-api-key", "cookie", "set-cookie", "openai-organization", "openai-project", "host", "content-length",
      "transfer-encoding", "connection", "keep-alive", "proxy-authenticate", "proxy-connection", "te", "trailer",
      "upgrade"));
  public static final HeaderRules DEFAULTS = new HeaderRules(List.of(), List.of());

  private final Set<String> toProvider;
  private final Set<String> toClient;

  /** The built-in allowlists plus an operator's additions (already checked against {@link #NEVER}). */
  public HeaderRules(List<String> moreToProvider, List<String> moreToClient) {
    this.toProvider = ignoringCase(TO_PROVIDER, moreToProvider);
    this.toClient = ignoringCase(TO_CLIENT, moreToClient);
  }

  public void copyToUpstream(MultiMap from, MultiMap to) {
    copy(from, to, toProvider);
  }

  public void copyToClient(MultiMap from, MultiMap to) {
    copy(from, to, toClient);
  }

  private static void copy(MultiMap from, MultiMap to, Set<String> allowed) {
    from.forEach((name, value) -> {
      if (allowed.contains(name)) {
        to.add(name, value);
      }
    });
  }

  @SafeVarargs
  private static Set<String> ignoringCase(List<String>... lists) {
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (List<String> list : lists) {
      names.addAll(list);
    }
    return Collections.unmodifiableSet(names);
  }
}
