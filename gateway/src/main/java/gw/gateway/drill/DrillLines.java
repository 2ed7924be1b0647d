package gw.gateway.drill;

import gw.gateway.incident.IncidentClass;
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
      parts.add(m.getString("name") + " " + value(m) + " " + (m.getString("colour") == null ? "" : m.getString("colour")));
    }
    return String.join(" · ", parts) + " (" + health.getLong("requests") + " requests in " + health.getLong("window_seconds")
        + " s)";
  }

  private static String value(JsonObject metric) {
    Double v = metric.getDouble("value");
    return v == null ? "n/a" : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }

  static String timing(String what, Double seconds, double target) {
    if (seconds == null) {
      return what + " not reached";
    }
    return String.format(Locale.ROOT, "%s %.1f s (target %.0f s %s)", what, seconds, target,
        Drill.overTarget(seconds, target) ? "MISSED" : "met");
  }

  /** A detection window in words: its overall colour and what is not green. */
  static String healthNow(JsonObject health) {
    List<String> off = new ArrayList<>();
    for (Object o : health.getJsonArray("metrics", new JsonArray())) {
      JsonObject m = (JsonObject) o;
      String colour = m.getString("colour");
      if (colour != null && !"green".equals(colour)) {
        off.add(m.getString("name") + " " + value(m) + " " + colour);
      }
    }
    return health.getString("overall") + (off.isEmpty() ? "" : ": " + String.join(", ", off)) + ", "
        + health.getValue("requests") + " requests in " + health.getValue("window_seconds") + " s";
  }

  /** An incident in words: where it stands now. */
  static String incidentNow(JsonObject incident) {
    return incident.getString("id") + " " + incident.getString("status") + ", " + incident.getString("severity")
        + (incident.getString("mitigated_at") == null ? ", not mitigated" : ", mitigated")
        + (incident.getString("recovered_at") == null ? "" : ", signals clear") + ", "
        + examples(incident.getJsonObject("traces").getJsonArray("during"));
  }

  /** Incidents by id and class, or "none". */
  static String incidents(JsonArray incidents) {
    List<String> named = new ArrayList<>();
    incidents.forEach(o -> named.add(((JsonObject) o).getString("id") + " (" + ((JsonObject) o).getString("class") + ", "
        + ((JsonObject) o).getString("status") + ")"));
    return named.isEmpty() ? "none" : String.join(", ", named);
  }

  static String examples(JsonArray examples) {
    long showing = examples.stream().filter(e -> ((JsonObject) e).getBoolean("shows_fault", false)).count();
    return examples.size() + " example traces, " + showing + " showing the fault";
  }
}
