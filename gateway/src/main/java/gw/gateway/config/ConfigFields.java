package gw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Field readers that name the file and field in every error. */
record ConfigFields(String where) {
  String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(leaf(field));
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw error(field, "must be a string", "quote the value");
    }
    return v.asText();
  }

  String required(JsonNode node, String field) {
    String v = text(node, field, null);
    if (v == null || v.isBlank()) {
      throw error(field, "is missing", "add it");
    }
    return v;
  }

  int integer(JsonNode node, String field, int fallback) {
    JsonNode v = node.get(leaf(field));
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw error(field, "must be an integer, got " + v, "write a whole number");
    }
    return v.asInt();
  }

  /** An optional amount such as a USD limit: null when absent, otherwise a number >= 0. */
  Double nonNegativeNumber(JsonNode node, String field) {
    JsonNode v = node.get(leaf(field));
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw error(field, "must be a number, got " + v, "write it without quotes, e.g. 5.0");
    }
    if (v.asDouble() < 0) {
      throw error(field, "must be >= 0, got " + v, "use a positive amount or remove the field");
    }
    return v.asDouble();
  }

  int positive(String field, int v) {
    if (v <= 0) {
      throw error(field, "must be > 0, got " + v, "use a positive number");
    }
    return v;
  }

  int nonNegative(String field, int v, String fix) {
    if (v < 0) {
      throw error(field, "must be >= 0, got " + v, fix);
    }
    return v;
  }

  int port(String field, int v) {
    if (v < 0 || v > 65535) {
      throw error(field, "must be a port in 0..65535, got " + v, "pick a free port (0 = any)");
    }
    return v;
  }

  void oneOf(String field, String v, Set<String> allowed) {
    if (!allowed.contains(v)) {
      throw error(field, "is '" + v + "'", "use one of " + new TreeSet<>(allowed));
    }
  }

  /** Rejects misspelt fields, which would otherwise be ignored silently. */
  void onlyKnown(JsonNode node, String at, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw error(at.isEmpty() ? name : at + "." + name, "is not a known field", "use one of " + new TreeSet<>(known));
      }
    }
  }

  ConfigException error(String field, String problem, String fix) {
    return new ConfigException(where + ": " + field + " " + problem + "; " + fix);
  }

  private static String leaf(String field) {
    return field.substring(field.lastIndexOf('.') + 1);
  }
}
