package gw.gateway.server;

import gw.gateway.chain.PolicyChain;
import gw.gateway.config.GatewayConfig;
import gw.gateway.metering.MeteringStage;
import gw.gateway.policy.breaker.UpstreamGuard;
import gw.gateway.policy.forward.ForwardRules;
import gw.gateway.upstream.ProviderErrors;
import gw.gateway.upstream.Providers;
import java.time.Clock;

/**
 * What every data-plane verticle shares: the configuration, the policy chain, the metering stage the
 * finished requests go to, the in-flight count, the edge's rejection counts, the upstream breaker, the forward rules, the providers and the clock.
 */
record DataPlane(GatewayConfig config, PolicyChain chain, MeteringStage metering, InFlight inFlight, EdgeCounters edge,
    UpstreamGuard upstreamGuard, ForwardRules rules, ProviderErrors providerErrors, Providers providers, Clock clock) {}
