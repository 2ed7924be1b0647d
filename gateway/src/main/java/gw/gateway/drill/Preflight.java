package gw.gateway.drill;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What would spoil a rehearsal, checked before its first stage: an incident still open (the drill
 * would wait for it, or take it for its own), a breaker forced or already open (the fault would be
 * hidden, or the mitigation not be the drill's), chaos left on the mock (the baseline would never be
 * green). A breaker in {@code observe} mode intercepts nothing, so it is no obstacle.
 */
public final class Preflight {
  private static final Set<String> FORCED = Set.of("forced_open", "forced_closed");
  private static final Set<String> TRIPPED = Set.of("open", "half_open");
  private static final String OBSERVE = "observe";

  private final DrillTarget target;
  private final String shownToken;

  /** @param shownToken the admin token as the printed commands show it (a real one is not printed) */
  public Preflight(DrillTarget target, String shownToken) {
    this.target = target;
    this.shownToken = shownToken;
  }

  /** Null when the system is ready; else one line naming every obstacle and how to clear it. */
  public String problem() {
    List<String> found = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    for (Object o : target.unresolvedIncidents()) {
      JsonObject i = (JsonObject) o;
      found.add(i.getString("status") + " incident " + i.getString("id") + " (" + i.getString("class") + ", "
          + i.getString("severity") + ")");
      fixes.add(admin("{\"reason\":\"cleared before a drill\"}", "/admin/incidents/" + i.getString("id") + "/resolve"));
    }
    for (Object o : target.breakers()) {
      JsonObject b = (JsonObject) o;
      String mode = b.getString("mode");
      if (OBSERVE.equals(mode) || !FORCED.contains(mode) && !TRIPPED.contains(b.getString("state"))) {
        continue;
      }
      found.add(b.getString("class") + " breaker " + (FORCED.contains(mode) ? mode : b.getString("state")));
      fixes.add(admin("{\"mode\":\"auto\",\"reason\":\"cleared before a drill\"}", "/admin/breakers/" + b.getString("class")));
    }
    JsonObject chaos = target.chaos();
    JsonObject modes = chaos.getJsonObject("modes", new JsonObject());
    if (!modes.isEmpty()) {
      JsonArray models = chaos.getJsonArray("models");
      found.add("mock chaos " + String.join(", ", modes.fieldNames()) + (models == null ? "" : " on " + models.encode()));
      fixes.add("curl -s -X POST " + target.mockUrl() + "/chaos/reset");
    }
    if (found.isEmpty()) {
      return null;
    }
    return "not starting: the system is not clean (" + String.join("; ", found) + "). Clear it: " + String.join(" ; ", fixes)
        + " — or stop ./gw up and rehearse on a clean system: ./gw up --data-dir <an empty directory>";
  }

  private String admin(String body, String path) {
    return "curl -s -X POST -H 'Authorization: Bearer " + shownToken + "' -H 'Content-Type: application/json' -d '" + body
        + "' " + target.adminUrl() + path;
  }
}
