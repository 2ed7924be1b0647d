package gw.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of chaos modes with their settings, and the models they are aimed at. Runtime JSON shape:
 * {@code {"modes": {"error_503": {"rate": 0.5}, "latency": {"ms": 1500}}, "models": ["gpt-4o"]}};
 * header shape ({@code x-mock-chaos}): {@code error_503@0.5, latency=1500, rate_limit=2}.
 */
public record ChaosSpec(Map<ChaosMode, ChaosSetting> modes, ModelScope scope) {

  private static final ChaosSpec NONE = new ChaosSpec(Map.of());

  public ChaosSpec {
    EnumMap<ChaosMode, ChaosSetting> copy = new EnumMap<>(ChaosMode.class);
    copy.putAll(modes);
    modes = Collections.unmodifiableMap(copy);
  }

  /** Modes aimed at every model. */
  public ChaosSpec(Map<ChaosMode, ChaosSetting> modes) {
    this(modes, ModelScope.all());
  }

  public static ChaosSpec none() {
    return NONE;
  }

  /** The mode firing on every request with its default parameter. */
  public static ChaosSpec of(ChaosMode mode) {
    return NONE.with(mode, 1.0);
  }

  public ChaosSpec with(ChaosMode mode, double rate) {
    return with(mode, rate, mode.defaultParam());
  }

  public ChaosSpec with(ChaosMode mode, double rate, long param) {
    EnumMap<ChaosMode, ChaosSetting> copy = new EnumMap<>(ChaosMode.class);
    copy.putAll(modes);
    copy.put(mode, new ChaosSetting(rate, param));
    return new ChaosSpec(copy, scope);
  }

  /** The same modes, aimed only at these models (see {@link ModelScope}). */
  public ChaosSpec onlyFor(String... models) {
    return new ChaosSpec(modes, new ModelScope(List.of(models)));
  }

  /** This spec (and its scope) with every mode of {@code overrides} replacing the same-named one here. */
  public ChaosSpec overriddenBy(ChaosSpec overrides) {
    if (overrides.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return new ChaosSpec(overrides.modes, scope);
    }
    EnumMap<ChaosMode, ChaosSetting> merged = new EnumMap<>(ChaosMode.class);
    merged.putAll(modes);
    merged.putAll(overrides.modes);
    return new ChaosSpec(merged, scope);
  }

  public boolean isEmpty() {
    return modes.isEmpty();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    modes.forEach((mode, setting) -> {
      JsonObject entry = new JsonObject().put("rate", setting.rate());
      if (mode.takesParam()) {
        entry.put(mode.paramName(), setting.param());
      }
      json.put(mode.wireName(), entry);
    });
    JsonObject spec = new JsonObject().put("modes", json);
    if (!scope.isAll()) {
      spec.put("models", new JsonArray(scope.models()));
    }
    return spec;
  }

  /** Parses the runtime JSON; throws {@link ChaosSpecException} naming the offending field. */
  public static ChaosSpec fromJson(JsonObject json) {
    return ChaosSpecParser.fromJson(json);
  }

  /** Parses an {@code x-mock-chaos} header value; null or blank means no chaos. */
  public static ChaosSpec fromHeader(String header) {
    return ChaosSpecParser.fromHeader(header);
  }
}
