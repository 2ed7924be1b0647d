package gw.gateway.policy.identify;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Route;
import gw.gateway.config.GatewayConfig.GatewayKey;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifyPolicyTest {
  private final IdentifyPolicy policy =
      new IdentifyPolicy(List.of(new GatewayKey("gw-key-123456", "app", "acme", "search", "enterprise")), "gw-replay-test");

  private static Exchange withAuth(String value) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (value != null) {
      h.add("Authorization", value);
    }
    return new Exchange("t", Route.CHAT_COMPLETIONS, h, Instant.now(), 1);
  }

  @Test
  void knownKeyResolvesTenantTeamAndTier() {
    Exchange ex = withAuth("Bearer gw-key-123456");
    assertThat(policy.onHeaders(ex).succeeded()).isTrue();
    assertThat(ex.identity().tenant()).isEqualTo("acme");
    assertThat(ex.identity().team()).isEqualTo("search");
    assertThat(ex.identity().tier()).isEqualTo("enterprise");
  }

  @Test
  void missingOrUnknownKeyIs401WithoutEchoingTheKey() {
    Future<Void> missing = policy.onHeaders(withAuth(null));
    assertThat(((GatewayFailure) missing.cause()).status()).isEqualTo(401);
    Future<Void> wrong = policy.onHeaders(withAuth("Bearer wrong-key-abcdef"));
    assertThat(wrong.cause().getMessage()).contains("wro****cdef").doesNotContain("wrong-key-abcdef");
  }

  private static Exchange replayAs(String key, String tenant, String team, String tier) {
    Exchange replay = withAuth("Bearer " + key);
    replay.requestHeaders().add(IdentifyPolicy.REPLAY_TENANT, tenant).add(IdentifyPolicy.REPLAY_TEAM, team)
        .add(IdentifyPolicy.REPLAY_TIER, tier).add(IdentifyPolicy.REPLAY_OF, "trace-1");
    return replay;
  }

  @Test
  void onlyTheWholeReplayKeyActsAsAReplayOfTheKeyItNames() {
    Exchange replay = replayAs("gw-replay-test", "acme", "search", "enterprise");
    assertThat(policy.onHeaders(replay).succeeded()).isTrue();
    assertThat(replay.identity().tenant()).isEqualTo("acme");
    assertThat(replay.replayOf()).isEqualTo("trace-1");
    assertThat(replay.actions()).contains(IdentifyPolicy.REPLAY_ACTION);

    for (String near : List.of("gw-replay-tes", "gw-replay-test2", "GW-REPLAY-TEST")) {
      Future<Void> refused = policy.onHeaders(withAuth("Bearer " + near));
      assertThat(((GatewayFailure) refused.cause()).status()).as(near).isEqualTo(401);
    }
  }

  @Test
  void aReplayCannotActAsATenantTeamOrTierNoKeyHas() {
    for (Exchange forged : List.of(replayAs("gw-replay-test", "beta", "search", "enterprise"),
        replayAs("gw-replay-test", "acme", "billing", "enterprise"), replayAs("gw-replay-test", "acme", "search", "pro"),
        withAuth("Bearer gw-replay-test"))) {
      Future<Void> refused = policy.onHeaders(forged);
      assertThat(((GatewayFailure) refused.cause()).status()).isEqualTo(401);
      assertThat(forged.identity()).isEqualTo(gw.gateway.chain.Identity.ANONYMOUS);
    }
  }

  @Test
  void replayHeadersFromAClientWithItsOwnKeyChangeNothing() {
    Exchange client = replayAs("gw-key-123456", "beta", "default", "enterprise");
    assertThat(policy.onHeaders(client).succeeded()).isTrue();
    assertThat(client.identity()).isEqualTo(new gw.gateway.chain.Identity("app", "acme", "search", "enterprise"));
    assertThat(client.replayOf()).isNull();
  }
}
