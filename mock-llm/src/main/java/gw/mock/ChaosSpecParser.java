package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads chaos specs from the admin JSON and from the per-request header, with messages that name the fix. */
final class ChaosSpecParser {

  static final String HEADER = "x-mock-chaos";
  private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9_]+)(?:=([^@]*))?(?:@(.*))?");

  private ChaosSpecParser() {
  }

  static ChaosSpec fromJson(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!key.equals("modes") && !key.equals("models")) {
        throw new ChaosSpecException(key, "Unknown field '" + key + "' in chaos JSON; expected "
            + "{\"modes\": {\"error_503\": {\"rate\": 0.5}}, \"models\": [\"gpt-4o\"]} (models optional).");
      }
    }
    return new ChaosSpec(modes(json.getValue("modes")), scope(json.getValue("models")));
  }

  private static ModelScope scope(Object models) {
    if (models == null) {
      return ModelScope.all();
    }
    if (!(models instanceof JsonArray names) || names.isEmpty()
        || !names.stream().allMatch(name -> name instanceof String text && !text.isBlank())) {
      throw new ChaosSpecException("models", "'models' must be a non-empty array of model names, e.g. "
          + "[\"gpt-4o\"]; leave it out to aim chaos at every model.");
    }
    return new ModelScope(names.stream().map(String.class::cast).toList());
  }

  private static Map<ChaosMode, ChaosSetting> modes(Object modes) {
    if (modes == null) {
      return Map.of();
    }
    if (!(modes instanceof JsonObject modesJson)) {
      throw new ChaosSpecException("modes",
          "'modes' must be an object mapping mode names to settings, e.g. {\"latency\": {\"ms\": 1500}}.");
    }
    Map<ChaosMode, ChaosSetting> settings = new EnumMap<>(ChaosMode.class);
    for (String name : modesJson.fieldNames()) {
      String field = "modes." + name;
      ChaosMode mode = ChaosMode.fromWireName(name).orElseThrow(() -> new ChaosSpecException(field,
          "Unknown chaos mode '" + name + "' at " + field + "; known modes: " + ChaosMode.knownNames() + "."));
      settings.put(mode, settingFromJson(mode, field, modesJson.getValue(name)));
    }
    return settings;
  }

  private static ChaosSetting settingFromJson(ChaosMode mode, String field, Object value) {
    if (value == null) {
      return new ChaosSetting(1.0, mode.defaultParam());
    }
    if (!(value instanceof JsonObject json)) {
      throw new ChaosSpecException(field, field + " must be an object such as " + example(mode) + ".");
    }
    double rate = 1.0;
    long param = mode.defaultParam();
    for (String key : json.fieldNames()) {
      String keyField = field + "." + key;
      Object raw = json.getValue(key);
      if (key.equals("rate")) {
        rate = rate(keyField, raw);
      } else if (key.equals(mode.paramName())) {
        param = param(keyField, raw);
      } else {
        String allowed = mode.takesParam() ? "rate, " + mode.paramName() : "rate";
        throw new ChaosSpecException(keyField, "Unknown field '" + key + "' at " + keyField + "; "
            + mode.wireName() + " allows: " + allowed + ".");
      }
    }
    return new ChaosSetting(rate, param);
  }

  private static String example(ChaosMode mode) {
    return mode.takesParam()
        ? "{\"rate\": 1.0, \"" + mode.paramName() + "\": " + mode.defaultParam() + "}"
        : "{\"rate\": 1.0}";
  }

  private static double rate(String field, Object raw) {
    if (raw instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() <= 1) {
      return number.doubleValue();
    }
    throw new ChaosSpecException(field, field + " must be a number in [0, 1], got " + raw + ".");
  }

  private static long param(String field, Object raw) {
    if (raw instanceof Number number && number.doubleValue() >= 0
        && number.doubleValue() == Math.rint(number.doubleValue())) {
      return number.longValue();
    }
    throw new ChaosSpecException(field, field + " must be a non-negative integer, got " + raw + ".");
  }

  static ChaosSpec fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return ChaosSpec.none();
    }
    Map<ChaosMode, ChaosSetting> settings = new EnumMap<>(ChaosMode.class);
    for (String entry : header.split(",")) {
      String trimmed = entry.trim();
      if (!trimmed.isEmpty()) {
        parseEntry(trimmed, settings);
      }
    }
    return new ChaosSpec(settings);
  }

  private static void parseEntry(String entry, Map<ChaosMode, ChaosSetting> settings) {
    Matcher matcher = ENTRY.matcher(entry);
    if (!matcher.matches()) {
      throw headerError(entry, "expected name[=param][@rate], e.g. rate_limit=2@0.5");
    }
    String name = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
    ChaosMode mode = ChaosMode.fromWireName(name).orElseThrow(() ->
        headerError(entry, "unknown chaos mode '" + name + "'; known modes: " + ChaosMode.knownNames()));
    long param = mode.defaultParam();
    if (matcher.group(2) != null) {
      if (!mode.takesParam()) {
        throw headerError(entry, mode.wireName() + " takes no parameter; write just '" + mode.wireName() + "'");
      }
      param = headerNumber(entry, matcher.group(2), mode.paramName());
    }
    double rate = 1.0;
    if (matcher.group(3) != null) {
      rate = headerRate(entry, matcher.group(3));
    }
    settings.put(mode, new ChaosSetting(rate, param));
  }

  private static long headerNumber(String entry, String text, String paramName) {
    try {
      long value = Long.parseLong(text.trim());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the entry
    }
    throw headerError(entry, "'" + text + "' is not a non-negative integer (" + paramName + ")");
  }

  private static double headerRate(String entry, String text) {
    try {
      double rate = Double.parseDouble(text.trim());
      if (rate >= 0 && rate <= 1) {
        return rate;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the entry
    }
    throw headerError(entry, "rate '" + text + "' must be a number in [0, 1]");
  }

  private static ChaosSpecException headerError(String entry, String problem) {
    return new ChaosSpecException(HEADER, HEADER + " entry '" + entry + "': " + problem + ".");
  }
}
