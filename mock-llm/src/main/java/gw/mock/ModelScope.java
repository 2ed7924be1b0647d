package gw.mock;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The models runtime chaos is aimed at. Empty means every model. A name matches itself and its dated
 * snapshots ({@code gpt-4o} matches {@code gpt-4o-2024-08-06} and {@code gpt-4o-0513}) but not a sibling
 * model that merely shares the prefix ({@code gpt-4o-mini}).
 */
public record ModelScope(List<String> models) {

  private static final ModelScope ALL = new ModelScope(List.of());
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{4})");

  public ModelScope {
    models = List.copyOf(models);
  }

  public static ModelScope all() {
    return ALL;
  }

  public boolean isAll() {
    return models.isEmpty();
  }

  public boolean matches(String model) {
    if (isAll()) {
      return true;
    }
    if (model == null) {
      return false;
    }
    for (String name : models) {
      if (model.equals(name)
          || (model.startsWith(name) && DATE_SUFFIX.matcher(model.substring(name.length())).matches())) {
        return true;
      }
    }
    return false;
  }
}
