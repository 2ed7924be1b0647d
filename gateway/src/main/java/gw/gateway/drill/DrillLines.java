package gw.gateway.drill;

import gw.gateway.policy.breaker.IncidentClass;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The drill's printed lines that are made from the admin API's answers. */
final class DrillLines {
  private DrillLines() {}

  static String side(JsonObject s) {
    return String.format(Locale.ROOT, "%s, %.0f ms, %s tokens, %s, %s", s.getString("model"), s.getDouble("latency_ms"),
        s.getValue("total_tokens"), cost(s), s.getString("summary"));
  }

  static String cost(JsonObject side) {
    Double cost = side.getDouble("cost_usd");
    return cost == null ? "no cost" : String.format(Locale.ROOT, "$%.4f", cost);
  }

  /**
   * Said from the evidence: a replay on another model that improved puts the fault on the model; one
   * that did not puts it around the model; a replayed pre-incident request that now needed the
   * leak guard shows the model leaking.
   */
  static String rootCause(IncidentClass c, JsonObject replay, JsonArray replayActions) {
    JsonObject original = replay.getJsonObject("original");
    JsonObject again = replay.getJsonObject("replay");
    String evidence = " (original " + side(original) + "; replay " + side(again) + ")";
    if (c == IncidentClass.DATA_INCIDENT) {
      boolean leaked = replayActions != null && replayActions.stream().anyMatch(a -> a.toString().startsWith("data_incident/"));
      return leaked ? c + " in the model: a request answered cleanly before the incident, replayed now on "
          + again.getString("model") + ", comes back with personal data (the gateway applied "
          + replayActions.encode() + ")" : c + ": the request replayed now comes back clean, so the leak depends on "
          + "what the leaking requests asked" + evidence;
    }
    if (c == IncidentClass.COST_SPIKE) {
      return c + " from the request's size: " + original.getValue("total_tokens") + " tokens cost "
          + cost(original) + " on " + original.getString("model") + "; the same request on " + again.getString("model")
          + " costs " + cost(again) + evidence;
    }
    if ("improved".equals(replay.getString("verdict"))) {
      return c + " follows the model: \"" + original.getString("summary") + "\" on " + original.getString("model")
          + ", while the same request on " + again.getString("model") + " is improved (" + replay.getString("reason") + ")";
    }
    return c + " outside the model: \"" + original.getString("summary") + "\" persists when the request is replayed on "
        + again.getString("model") + " (" + replay.getString("verdict") + ")";
  }

  static String metricsLine(JsonObject health) {
    List<String> parts = new ArrayList<>();
    for (Object o : health.getJsonArray("metrics")) {
      JsonObject m = (JsonObject) o;
      Double v = m.getDouble("value");
      String value = v == null ? "n/a" : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.0f", v)
          : String.format(Locale.ROOT, "%.4f", v);
      parts.add(m.getString("name") + " " + value + " " + (m.getString("colour") == null ? "" : m.getString("colour")));
    }
    return String.join(" · ", parts) + " (" + health.getLong("requests") + " requests in " + health.getLong("window_seconds")
        + " s)";
  }

  static String timing(String what, Double seconds, double target) {
    if (seconds == null) {
      return what + " not reached";
    }
    return String.format(Locale.ROOT, "%s %.1f s (target %.0f s %s)", what, seconds, target,
        seconds <= target ? "met" : "MISSED");
  }
}
