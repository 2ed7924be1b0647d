package gw.gateway.policy.breaker;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * DATA_INCIDENT's trigger: a leak trips it for the tenant whose answer leaked, so only that
 * tenant's traces stop keeping content; others go on as before. It closes only when an operator
 * resets it (all tenants at once). Trips are counted for ever, so a leak reset before anyone looked
 * is still seen. Thread-safe.
 */
public final class TenantLeakTrips implements Trigger {
  private final LongSupplier clockMs;
  private final Map<String, String> reasons = new LinkedHashMap<>();
  private long trips;
  private Instant lastTripAt;
  private String lastReason;

  public TenantLeakTrips(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  /** Opens for {@code tenant} unless it already is; {@code why} names the classes and origins, never values. */
  public synchronized void trip(String tenant, String why) {
    if (!reasons.containsKey(tenant)) {
      lastReason = "tenant '" + tenant + "': " + why;
      reasons.put(tenant, lastReason);
      trips++;
      lastTripAt = Instant.ofEpochMilli(clockMs.getAsLong());
    }
  }

  public synchronized boolean isTripped(String tenant) {
    return reasons.containsKey(tenant);
  }

  @Override
  public synchronized Snapshot snapshot() {
    if (reasons.isEmpty()) {
      return new Snapshot(BreakerState.CLOSED, lastReason, trips, lastTripAt);
    }
    return new Snapshot(BreakerState.OPEN, String.join("; ", reasons.values()), trips, lastTripAt);
  }

  @Override
  public synchronized void reset() {
    reasons.clear();
  }
}
