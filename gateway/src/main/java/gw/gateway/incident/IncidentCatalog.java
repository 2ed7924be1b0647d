package gw.gateway.incident;

import gw.gateway.config.ConfigFields;
import gw.gateway.config.ConfigSource;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  /** {@code incidents.json} as written (unknown fields rejected); {@link #load} checks what each entry must hold. */
  record IncidentsFile(TriageJson triage, Map<String, ClassJson> classes, Map<String, SeverityJson> severities) {}

  record TriageJson(Long evaluateEveryMs, Long recoveryHoldSeconds, Double sev1FailureRate) {
    static final TriageJson DEFAULTS = new TriageJson(null, null, null);
  }

  record ClassJson(String description, List<String> symptoms, List<String> rootCauses, List<String> detection,
      List<ActionItem> actionItems) {}

  record SeverityJson(String meaning, String response, Integer acknowledgeMinutes, Integer updateMinutes,
      Integer postmortemHours) {}

  public static IncidentCatalog load(ConfigSource source) {
    IncidentsFile file = source.bind(FILE, IncidentsFile.class);
    ConfigFields f = source.fields(FILE);
    Map<String, ClassJson> writtenClasses = Objects.requireNonNullElse(file.classes(), Map.of());
    f.knownKeys("classes", writtenClasses.keySet(), Arrays.stream(IncidentClass.values()).map(Enum::name).toList());
    Map<IncidentClass, ClassInfo> classes = new EnumMap<>(IncidentClass.class);
    for (IncidentClass c : IncidentClass.values()) {
      classes.put(c, classInfo(f, "classes." + c.name(), writtenClasses.get(c.name())));
    }
    Map<String, SeverityJson> writtenSeverities = Objects.requireNonNullElse(file.severities(), Map.of());
    f.knownKeys("severities", writtenSeverities.keySet(), SEVERITIES);
    Map<String, Severity> severities = new LinkedHashMap<>();
    for (String s : SEVERITIES) {
      severities.put(s, severity(f, "severities." + s, writtenSeverities.get(s)));
    }
    return new IncidentCatalog(settings(f, Objects.requireNonNullElse(file.triage(), TriageJson.DEFAULTS)),
        Map.copyOf(classes), Collections.unmodifiableMap(severities));
  }

  private static ClassInfo classInfo(ConfigFields f, String at, ClassJson n) {
    if (n == null) {
      throw f.error(at, "is missing", "describe the class as the project's config/incidents.json does");
    }
    return new ClassInfo(text(f, at + ".description", n.description()), list(f, at + ".symptoms", n.symptoms(), 3),
        list(f, at + ".root_causes", n.rootCauses(), 1), list(f, at + ".detection", n.detection(), 1),
        actionItems(f, at + ".action_items", n.actionItems()));
  }

  private static Severity severity(ConfigFields f, String at, SeverityJson n) {
    if (n == null) {
      throw f.error(at, "is missing", "describe the severity as the project's config/incidents.json does");
    }
    return new Severity(text(f, at + ".meaning", n.meaning()), text(f, at + ".response", n.response()),
        minutes(f, at + ".acknowledge_minutes", n.acknowledgeMinutes()),
        minutes(f, at + ".update_minutes", n.updateMinutes()), minutes(f, at + ".postmortem_hours", n.postmortemHours()));
  }

  private static Settings settings(ConfigFields f, TriageJson n) {
    long every = Objects.requireNonNullElse(n.evaluateEveryMs(), 1000L);
    long hold = Objects.requireNonNullElse(n.recoveryHoldSeconds(), 10L);
    double sev1 = Objects.requireNonNullElse(n.sev1FailureRate(), 0.5);
    if (every < 100 || every > 60_000) {
      throw f.error("triage.evaluate_every_ms", "must be 100..60000, got " + every, "use e.g. 1000");
    }
    if (hold < 0 || hold > 3600) {
      throw f.error("triage.recovery_hold_seconds", "must be 0..3600, got " + hold, "use e.g. 10");
    }
    if (sev1 <= 0 || sev1 > 1) {
      throw f.error("triage.sev1_failure_rate", "must be a share in (0, 1], got " + sev1, "use e.g. 0.5");
    }
    return new Settings(every, hold, sev1);
  }

  private static List<ActionItem> actionItems(ConfigFields f, String at, List<ActionItem> items) {
    if (items == null || items.size() < 5) {
      throw f.error(at, "must list at least 5 preventions {description, owner, priority, due}",
          "add the ones a postmortem of this class should propose");
    }
    for (int i = 0; i < items.size(); i++) {
      String where = at + "[" + i + "]";
      ActionItem item = items.get(i);
      if (item == null) {
        throw f.error(where, "is null", "write {description, owner, priority, due}");
      }
      text(f, where + ".description", item.description());
      text(f, where + ".owner", item.owner());
      text(f, where + ".due", item.due());
      f.oneOf(where + ".priority", text(f, where + ".priority", item.priority()), List.of("P0", "P1", "P2"));
    }
    return List.copyOf(items);
  }

  private static String text(ConfigFields f, String field, String v) {
    if (v == null || v.isBlank()) {
      throw f.error(field, "is missing", "describe it in a sentence");
    }
    return v;
  }

  private static List<String> list(ConfigFields f, String field, List<String> v, int min) {
    if (v == null || v.size() < min || v.contains(null)) {
      throw f.error(field, "must list at least " + min + " item(s)", "add what operators should know");
    }
    return List.copyOf(v);
  }

  private static int minutes(ConfigFields f, String field, Integer v) {
    if (v == null || v < 0) {
      throw f.error(field, "must be a whole number >= 0, got " + v, "use 0 for none");
    }
    return v;
  }
}
