package gw.gateway.drill;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which trace the drill's diagnosis replays. Only a trace whose request was stored can be replayed,
 * and not every example is one: while the DATA_INCIDENT breaker is open, and for every answer that
 * leaked, traces keep no content. So each candidate is checked before it is chosen.
 */
final class ReplayExamples {
  private static final int BEFORE_SCANNED = 50;
  private final DrillTarget target;
  private final PrintStream out;
  private final Waits waits;
  private final Map<String, Boolean> captured = new HashMap<>();

  ReplayExamples(DrillTarget target, PrintStream out, Waits waits) {
    this.target = target;
    this.out = out;
    this.waits = waits;
  }

  /**
   * A captured example of the incident that shows its class's fault, waiting up to {@code patience}
   * for one (slow requests are stored only once they end); then a captured one diagnosed unhealthy,
   * then any captured one.
   */
  String failing(String incidentId, Duration patience) {
    JsonObject incident = waits.watch("a stored example trace of the fault in " + incidentId, patience,
        () -> target.incident(incidentId), i -> firstCaptured(during(i), ReplayExamples::showsFault) != null,
        i -> DrillLines.examples(during(i)));
    String shows = firstCaptured(during(incident), ReplayExamples::showsFault);
    if (shows != null) {
      return shows;
    }
    String chosen = firstCaptured(during(incident), e -> !"Healthy".equals(e.getString("diagnosis")));
    chosen = chosen != null ? chosen : firstCaptured(during(incident), e -> true);
    if (chosen == null) {
      throw new StageFailed("none of " + incidentId + "'s example traces holds its request ("
          + DrillLines.examples(during(incident)) + "): traces keep no content while the DATA_INCIDENT breaker is open");
    }
    out.println("      (no stored example shows the fault: replaying " + chosen + ")");
    return chosen;
  }

  /**
   * The newest request of {@code models} (any when null) answered cleanly before the fault's onset
   * and stored with its content: the traffic reaches green with it, so none is ever missing, however
   * soon after start-up the drill runs.
   */
  String cleanBefore(Instant onset, List<String> models) {
    for (Object o : target.traces("?to=" + onset + "&status=ok&limit=" + BEFORE_SCANNED)) {
      JsonObject t = (JsonObject) o;
      boolean untouched = t.getJsonArray("actions", new JsonArray()).isEmpty();
      if (t.getValue("request") != null && t.getValue("replay_of") == null && untouched
          && (models == null || models.contains(t.getString("model_requested")))) {
        return t.getString("trace_id");
      }
    }
    throw new StageFailed("no request answered before the fault's onset was stored with its content (the newest "
        + BEFORE_SCANNED + " were checked)");
  }

  private static JsonArray during(JsonObject incident) {
    return incident.getJsonObject("traces").getJsonArray("during");
  }

  private static boolean showsFault(JsonObject example) {
    return example.getBoolean("shows_fault", false);
  }

  private String firstCaptured(JsonArray examples, Predicate<JsonObject> wanted) {
    for (Object o : examples) {
      JsonObject e = (JsonObject) o;
      String id = e.getString("trace_id");
      if (wanted.test(e) && captured.computeIfAbsent(id, t -> target.trace(t).getValue("request") != null)) {
        return id;
      }
    }
    return null;
  }
}
