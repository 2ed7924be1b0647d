package gw.gateway.policy.context;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shape rules for the {@code gateway} body object, checked before it is bound to
 * {@link gw.gateway.chain.GatewayExtension}, so a client reads which field is wrong and why. Returns
 * the first problem as "path message", or null when the object is acceptable. Unknown fields are
 * allowed so newer apps can talk to older gateways.
 */
final class ExtensionShape {
  private ExtensionShape() {}

  static String validate(JsonNode ext) {
    if (!ext.isObject()) {
      return "gateway must be a JSON object with optional retrieval, tools, prompt, tags and expected_facts; got " + ext.getNodeType();
    }
    String problem = retrieval(ext.get("retrieval"));
    if (problem == null) {
      problem = tools(ext.get("tools"));
    }
    if (problem == null) {
      problem = prompt(ext.get("prompt"));
    }
    if (problem == null) {
      problem = strings(ext.get("tags"), "gateway.tags");
    }
    if (problem == null) {
      problem = strings(ext.get("expected_facts"), "gateway.expected_facts");
    }
    return problem;
  }

  private static String retrieval(JsonNode r) {
    if (r == null || r.isNull()) {
      return null;
    }
    if (!r.isObject()) {
      return "gateway.retrieval must be an object {query, documents, latency_ms}";
    }
    String p = optionalText(r, "query", "gateway.retrieval.query");
    if (p != null) {
      return p;
    }
    p = optionalNonNegative(r, "latency_ms", "gateway.retrieval.latency_ms");
    if (p != null) {
      return p;
    }
    JsonNode docs = r.get("documents");
    if (docs == null || docs.isNull()) {
      return null;
    }
    if (!docs.isArray()) {
      return "gateway.retrieval.documents must be an array";
    }
    for (int i = 0; i < docs.size(); i++) {
      JsonNode d = docs.get(i);
      String at = "gateway.retrieval.documents[" + i + "]";
      if (!d.isObject()) {
        return at + " must be an object {source, score, content}";
      }
      JsonNode score = d.get("score");
      if (score != null && !score.isNull()) {
        if (!score.isNumber() || score.asDouble() < 0 || score.asDouble() > 1) {
          return at + ".score must be a number in [0,1], got " + score;
        }
      }
      p = optionalText(d, "source", at + ".source");
      if (p == null) {
        p = optionalText(d, "content", at + ".content");
      }
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private static String tools(JsonNode t) {
    if (t == null || t.isNull()) {
      return null;
    }
    if (!t.isArray()) {
      return "gateway.tools must be an array of {name, input, output, latency_ms, success}";
    }
    for (int i = 0; i < t.size(); i++) {
      JsonNode call = t.get(i);
      String at = "gateway.tools[" + i + "]";
      if (!call.isObject() || !call.path("name").isTextual() || call.path("name").asText().isBlank()) {
        return at + ".name is required (the tool's name)";
      }
      String p = optionalNonNegative(call, "latency_ms", at + ".latency_ms");
      if (p != null) {
        return p;
      }
      JsonNode ok = call.get("success");
      if (ok != null && !ok.isNull() && !ok.isBoolean()) {
        return at + ".success must be true or false";
      }
      p = optionalText(call, "error", at + ".error");
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private static String prompt(JsonNode p) {
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isObject()) {
      return "gateway.prompt must be an object {id, version, variables}";
    }
    String problem = optionalText(p, "id", "gateway.prompt.id");
    if (problem == null) {
      problem = optionalText(p, "version", "gateway.prompt.version");
    }
    JsonNode vars = p.get("variables");
    if (problem == null && vars != null && !vars.isNull() && !vars.isObject()) {
      problem = "gateway.prompt.variables must be an object";
    }
    return problem;
  }

  private static String strings(JsonNode t, String path) {
    if (t == null || t.isNull()) {
      return null;
    }
    if (!t.isArray()) {
      return path + " must be an array of strings";
    }
    for (int i = 0; i < t.size(); i++) {
      if (!t.get(i).isTextual()) {
        return path + "[" + i + "] must be a string";
      }
    }
    return null;
  }

  private static String optionalText(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isTextual() ? null : path + " must be a string";
  }

  private static String optionalNonNegative(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isNumber() && v.asDouble() >= 0 ? null : path + " must be a number >= 0, got " + v;
  }
}
