package gw.gateway.incident;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five incident classes (description, symptoms, root causes, detection signals) and the three
 * severities with their response expectations, from {@code incidents.json}: what triage,
 * timelines and postmortems quote.
 */
public record IncidentCatalog(Settings triage, Map<IncidentClass, ClassInfo> classes, Map<String, Severity> severities) {
  static final String FILE = "incidents.json";
  public static final List<String> SEVERITIES = List.of("SEV-1", "SEV-2", "SEV-3");

  public record ClassInfo(String description, List<String> symptoms, List<String> rootCauses, List<String> detection,
      List<ActionItem> actionItems) {}

  /** A prevention a postmortem of the class proposes: owner is a role, due is relative ("within 1 week"). */
  public record ActionItem(String description, String owner, String priority, String due) {}

  /**
   * How often triage runs, how long a class's signals must stay clear before its incident is
   * recovered, and the failure rate that makes an outage SEV-1.
   */
  public record Settings(long evaluateEveryMs, long recoveryHoldSeconds, double sev1FailureRate) {}

  /** {@code postmortemHours} 0 means no postmortem is required. */
  public record Severity(String meaning, String response, int acknowledgeMinutes, int updateMinutes,
      int postmortemHours) {}

  public static IncidentCatalog load(ConfigSource source) {
    String where = source.describe(FILE);
    JsonNode root = source.read(FILE);
    Map<IncidentClass, ClassInfo> classes = new EnumMap<>(IncidentClass.class);
    for (IncidentClass c : IncidentClass.values()) {
      JsonNode n = root.path("classes").path(c.name());
      String at = where + ": classes." + c.name();
      classes.put(c, new ClassInfo(text(n, "description", at), list(n, "symptoms", at, 3), list(n, "root_causes", at, 1),
          list(n, "detection", at, 1), actionItems(n, at)));
    }
    Map<String, Severity> severities = new LinkedHashMap<>();
    for (String s : SEVERITIES) {
      JsonNode n = root.path("severities").path(s);
      String at = where + ": severities." + s;
      severities.put(s, new Severity(text(n, "meaning", at), text(n, "response", at),
          minutes(n, "acknowledge_minutes", at), minutes(n, "update_minutes", at), minutes(n, "postmortem_hours", at)));
    }
    return new IncidentCatalog(settings(root.path("triage"), where + ": triage"), Map.copyOf(classes),
        java.util.Collections.unmodifiableMap(severities));
  }

  private static Settings settings(JsonNode n, String at) {
    long every = n.path("evaluate_every_ms").asLong(1000);
    long hold = n.path("recovery_hold_seconds").asLong(10);
    double sev1 = n.path("sev1_failure_rate").asDouble(0.5);
    if (every < 100 || every > 60_000) {
      throw new ConfigException(at + ".evaluate_every_ms must be 100..60000");
    }
    if (hold < 0 || hold > 3600) {
      throw new ConfigException(at + ".recovery_hold_seconds must be 0..3600");
    }
    if (sev1 <= 0 || sev1 > 1) {
      throw new ConfigException(at + ".sev1_failure_rate must be a share in (0, 1]");
    }
    return new Settings(every, hold, sev1);
  }

  private static List<ActionItem> actionItems(JsonNode n, String at) {
    List<ActionItem> items = new ArrayList<>();
    JsonNode v = n.path("action_items");
    if (!v.isArray() || v.size() < 5) {
      throw new ConfigException(at + ".action_items must list at least 5 preventions {description, owner, priority, due}");
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String where = at + ".action_items[" + i + "]";
      String priority = text(item, "priority", where);
      if (!List.of("P0", "P1", "P2").contains(priority)) {
        throw new ConfigException(where + ".priority is '" + priority + "'; use P0, P1 or P2");
      }
      items.add(new ActionItem(text(item, "description", where), text(item, "owner", where), priority,
          text(item, "due", where)));
    }
    return List.copyOf(items);
  }

  private static String text(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new ConfigException(at + "." + field + " is missing; describe it in a sentence");
    }
    return v.asText();
  }

  private static List<String> list(JsonNode n, String field, String at, int min) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray() || v.size() < min) {
      throw new ConfigException(at + "." + field + " must list at least " + min + " item(s)");
    }
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }

  private static int minutes(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToInt() || v.asInt() < 0) {
      throw new ConfigException(at + "." + field + " must be a whole number >= 0");
    }
    return v.asInt();
  }
}
