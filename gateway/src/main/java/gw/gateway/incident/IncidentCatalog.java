package gw.gateway.incident;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import gw.gateway.policy.breaker.IncidentClass;
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
public record IncidentCatalog(Map<IncidentClass, ClassInfo> classes, Map<String, Severity> severities) {
  static final String FILE = "incidents.json";
  public static final List<String> SEVERITIES = List.of("SEV-1", "SEV-2", "SEV-3");

  public record ClassInfo(String description, List<String> symptoms, List<String> rootCauses, List<String> detection) {}

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
          list(n, "detection", at, 1)));
    }
    Map<String, Severity> severities = new LinkedHashMap<>();
    for (String s : SEVERITIES) {
      JsonNode n = root.path("severities").path(s);
      String at = where + ": severities." + s;
      severities.put(s, new Severity(text(n, "meaning", at), text(n, "response", at),
          minutes(n, "acknowledge_minutes", at), minutes(n, "update_minutes", at), minutes(n, "postmortem_hours", at)));
    }
    return new IncidentCatalog(Map.copyOf(classes), java.util.Collections.unmodifiableMap(severities));
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
