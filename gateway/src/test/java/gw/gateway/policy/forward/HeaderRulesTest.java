package gw.gateway.policy.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Headers cross the gateway by allowlist; an operator can widen it, but never to credentials or account selectors. */
class HeaderRulesTest {
  @Test
  void onlyAllowlistedNamesCrossEitherWayIgnoringCase() {
    MultiMap client = MultiMap.caseInsensitiveMultiMap().add("User-Agent", "app/1").add("OpenAI-Project", "p")
        .add("Authorization", "Bearer gw-key").add("X-Custom", "1").add("Idempotency-Key", "k");
    MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
    HeaderRules.DEFAULTS.copyToUpstream(client, upstream);
    assertThat(upstream.names()).containsExactlyInAnyOrder("User-Agent", "Idempotency-Key");

    MultiMap provider = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("x-ratelimit-remaining-requests", "9").add("OpenAI-Organization", "org-1").add("Set-Cookie", "a=b")
        .add("x-request-id", "req_1").add("Server", "cloudflare");
    MultiMap toClient = MultiMap.caseInsensitiveMultiMap();
    HeaderRules.DEFAULTS.copyToClient(provider, toClient);
    assertThat(toClient.names()).containsExactlyInAnyOrder("Content-Type", "x-request-id");
  }

  @Test
  void anOperatorAddsNamesInForwardJson() {
    ForwardRules rules = ForwardRules.load(ConfigSource.bundled().withEdits("forward.json",
        Map.of("/headers", Map.of("to_provider", List.of("x-custom"), "to_client", List.of("x-ratelimit-remaining-requests")))));
    MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
    rules.headers().copyToUpstream(MultiMap.caseInsensitiveMultiMap().add("X-Custom", "1"), upstream);
    assertThat(upstream.get("x-custom")).isEqualTo("1");
  }

  @Test
  void credentialsAndAccountSelectorsCannotBeAllowed() {
    for (String name : List.of("Authorization", "OpenAI-Organization", "cookie", "transfer-encoding")) {
      assertThatThrownBy(() -> ForwardRules.load(ConfigSource.bundled().withEdits("forward.json",
          Map.of("/headers", Map.of("to_provider", List.of(name))))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("headers.to_provider has '" + name + "', which the gateway never forwards");
    }
  }
}
