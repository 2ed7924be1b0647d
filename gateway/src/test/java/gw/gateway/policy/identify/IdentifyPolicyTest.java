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

  @Test
  void onlyTheWholeReplayKeyActsAsAReplayOfTheTenantItNames() {
    Exchange replay = withAuth("Bearer gw-replay-test");
    replay.requestHeaders().add(IdentifyPolicy.REPLAY_TENANT, "beta").add(IdentifyPolicy.REPLAY_OF, "trace-1");
    assertThat(policy.onHeaders(replay).succeeded()).isTrue();
    assertThat(replay.identity().tenant()).isEqualTo("beta");
    assertThat(replay.replayOf()).isEqualTo("trace-1");
    assertThat(replay.actions()).contains(IdentifyPolicy.REPLAY_ACTION);

    for (String near : List.of("gw-replay-tes", "gw-replay-test2", "GW-REPLAY-TEST")) {
      Future<Void> refused = policy.onHeaders(withAuth("Bearer " + near));
      assertThat(((GatewayFailure) refused.cause()).status()).as(near).isEqualTo(401);
    }
  }
}
