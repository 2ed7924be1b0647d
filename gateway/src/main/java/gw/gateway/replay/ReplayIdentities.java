package gw.gateway.replay;

import gw.gateway.config.GatewayConfig.GatewayKey;
import gw.traces.TraceRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a replay runs as: one of the configured gateway keys of the original's tenant — the one of
 * the original's team when the tenant has it, else the tenant's first key — so its tenant, team and
 * tier come from the configuration, never from a trace record an operator may have written. The
 * same keys say which tenants trace records may be imported into.
 */
public final class ReplayIdentities {
  private final Map<String, List<GatewayKey>> byTenant = new LinkedHashMap<>();

  public ReplayIdentities(List<GatewayKey> keys) {
    for (GatewayKey k : keys) {
      byTenant.computeIfAbsent(k.tenant(), t -> new java.util.ArrayList<>()).add(k);
    }
  }

  /** The tenants of the configured gateway keys. */
  public Set<String> tenants() {
    return byTenant.keySet();
  }

  public boolean knows(String tenant) {
    return byTenant.containsKey(tenant);
  }

  /** The key a replay of {@code original} runs as; IllegalArgumentException when its tenant has none. */
  public GatewayKey keyFor(TraceRecord original) {
    List<GatewayKey> keys = byTenant.get(original.tenant());
    if (keys == null) {
      throw new IllegalArgumentException("trace " + original.traceId() + " belongs to tenant '" + original.tenant()
          + "', which has no gateway key in gateway.json: a replay runs as one of its tenant's keys");
    }
    return keys.stream().filter(k -> k.team().equals(original.team())).findFirst().orElse(keys.get(0));
  }
}
