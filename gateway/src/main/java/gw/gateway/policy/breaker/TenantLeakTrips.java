package gw.gateway.policy.breaker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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
  private volatile BiConsumer<String, String> onTrip = (tenant, why) -> { };

  public TenantLeakTrips(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  /** Who hears of a trip this instance detected (another instance's trip is not told again). */
  public void onTrip(BiConsumer<String, String> listener) {
    this.onTrip = listener;
  }

  /** Opens for {@code tenant} unless it already is; {@code why} names the classes and origins, never values. */
  public void trip(String tenant, String why) {
    if (tripHere(tenant, why)) {
      onTrip.accept(tenant, why);
    }
  }

  /** A trip another instance detected. */
  public void tripFromPeer(String tenant, String why) {
    tripHere(tenant, why);
  }

  private synchronized boolean tripHere(String tenant, String why) {
    if (reasons.containsKey(tenant)) {
      return false;
    }
    lastReason = reason(tenant, why);
    reasons.put(tenant, why);
    trips++;
    lastTripAt = Instant.ofEpochMilli(clockMs.getAsLong());
    return true;
  }

  public synchronized boolean isTripped(String tenant) {
    return reasons.containsKey(tenant);
  }

  @Override
  public synchronized Snapshot snapshot() {
    if (reasons.isEmpty()) {
      return new Snapshot(BreakerState.CLOSED, lastReason, trips, lastTripAt);
    }
    List<String> all = new ArrayList<>();
    reasons.forEach((tenant, why) -> all.add(reason(tenant, why)));
    return new Snapshot(BreakerState.OPEN, String.join("; ", all), trips, lastTripAt);
  }

  private static String reason(String tenant, String why) {
    return "tenant '" + tenant + "': " + why;
  }

  /** Tripped tenants and why, e.g. to tell a Redis that lost them. */
  public synchronized Map<String, String> tripped() {
    return new LinkedHashMap<>(reasons);
  }

  @Override
  public synchronized void reset() {
    reasons.clear();
  }
}
