package gw.gateway.replay;

import com.fasterxml.jackson.databind.JsonNode;

/** What a replay changes; null fields keep the original's value. */
public record Overrides(String model, String promptVersion, Double temperature, Integer maxTokens) {
  public static final Overrides NONE = new Overrides(null, null, null, null);

  /** From {@code {"model", "prompt_version", "temperature", "max_tokens"}}; other fields are refused. */
  public static Overrides fromJson(JsonNode node) {
    if (node == null || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("overrides must be an object {model, prompt_version, temperature, max_tokens}");
    }
    node.fieldNames().forEachRemaining(name -> {
      if (!java.util.Set.of("model", "prompt_version", "temperature", "max_tokens").contains(name)) {
        throw new IllegalArgumentException("unknown override '" + name + "'; use model, prompt_version, temperature, max_tokens");
      }
    });
    JsonNode t = node.get("temperature");
    if (t != null && !t.isNull() && (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 2)) {
      throw new IllegalArgumentException("temperature must be a number between 0 and 2, got " + t);
    }
    JsonNode m = node.get("max_tokens");
    if (m != null && !m.isNull() && (!m.isIntegralNumber() || m.asInt() < 1)) {
      throw new IllegalArgumentException("max_tokens must be a positive whole number, got " + m);
    }
    return new Overrides(text(node, "model"), text(node, "prompt_version"),
        t == null || t.isNull() ? null : t.asDouble(), m == null || m.isNull() ? null : m.asInt());
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-empty string");
    }
    return v.asText();
  }

  /**
   * An override that is valid on its own but cannot apply to the trace being replayed (e.g. a
   * prompt version for a trace whose system prompt came from the request): {@code param} names it.
   */
  public static final class NotApplicable extends IllegalArgumentException {
    private final String code;
    private final String param;

    NotApplicable(String code, String param, String message) {
      super(message);
      this.code = code;
      this.param = param;
    }

    public String code() {
      return code;
    }

    public String param() {
      return param;
    }
  }

  /** E.g. {@code model=gpt-4o-mini, prompt_version=v2.0}; {@code no overrides} when nothing changes. */
  public String describe() {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (model != null) {
      parts.add("model=" + model);
    }
    if (promptVersion != null) {
      parts.add("prompt_version=" + promptVersion);
    }
    if (temperature != null) {
      parts.add("temperature=" + temperature);
    }
    if (maxTokens != null) {
      parts.add("max_tokens=" + maxTokens);
    }
    return parts.isEmpty() ? "no overrides" : String.join(", ", parts);
  }
}
