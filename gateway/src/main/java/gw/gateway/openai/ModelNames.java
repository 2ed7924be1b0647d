package gw.gateway.openai;

import java.util.Map;

/** Model-name matching for config keys: {@code gpt-4o} covers {@code gpt-4o-2024-08-06}, not {@code gpt-4o-mini}. */
public final class ModelNames {
  private ModelNames() {}

  /** True for the name itself or a dated snapshot of it (the configured name, a dash, then a digit). */
  public static boolean isVersionOf(String model, String configured) {
    if (model.equals(configured)) {
      return true;
    }
    int n = configured.length();
    return model.length() > n + 1 && model.startsWith(configured) && model.charAt(n) == '-'
        && Character.isDigit(model.charAt(n + 1));
  }

  /** The value configured for this model or its undated name, or null. */
  public static <V> V lookup(Map<String, V> byModel, String model) {
    for (Map.Entry<String, V> e : byModel.entrySet()) {
      if (isVersionOf(model, e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }
}
