package gw.gateway.config;

import gw.traces.json.JsonBinding;
import java.net.URI;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The checks Jackson cannot make on a bound config file (ranges, one-of, required values), each
 * error naming the file, the field and the fix. {@code where} is the file as the user knows it.
 */
public record ConfigFields(String where) {
  public String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw error(field, "is missing", "add it");
    }
    return value;
  }

  /** An optional amount such as a USD limit: null when absent, otherwise a number >= 0. */
  public Double nonNegativeNumber(String field, Double v) {
    if (v != null && v < 0) {
      throw error(field, "must be >= 0, got " + v, "use a positive amount or remove the field");
    }
    return v;
  }

  public int positive(String field, int v) {
    if (v <= 0) {
      throw error(field, "must be > 0, got " + v, "use a positive number");
    }
    return v;
  }

  public int nonNegative(String field, int v, String fix) {
    if (v < 0) {
      throw error(field, "must be >= 0, got " + v, fix);
    }
    return v;
  }

  public long atLeast(String field, Long v, long min) {
    if (v == null || v < min) {
      throw error(field, "must be a whole number >= " + min + ", got " + v, "write a whole number of at least " + min);
    }
    return v;
  }

  public int port(String field, int v) {
    if (v < 0 || v > 65535) {
      throw error(field, "must be a port in 0..65535, got " + v, "pick a free port (0 = any)");
    }
    return v;
  }

  /** A required number in [min, max]. */
  public double between(String field, Double v, double min, double max) {
    if (v == null) {
      throw error(field, "is missing or not a number", "write a number between " + min + " and " + max);
    }
    if (v < min || v > max) {
      throw error(field, "is " + v, "use a value between " + min + " and " + max);
    }
    return v;
  }

  /** An optional number in [min, max], {@code fallback} when absent. */
  public double between(String field, Double v, double fallback, double min, double max) {
    return v == null ? fallback : between(field, v, min, max);
  }

  public void oneOf(String field, String v, Collection<String> allowed) {
    if (!allowed.contains(v)) {
      throw error(field, "is '" + v + "'", "use one of " + new TreeSet<>(allowed));
    }
  }

  /** Rejects a key of a section keyed by name (a metric, an incident class) that is not one of {@code known}. */
  public void knownKeys(String section, Collection<String> keys, Collection<String> known) {
    for (String key : keys) {
      if (!known.contains(key)) {
        throw new ConfigException(where + ": " + JsonBinding.unknownField(section + "." + key, key, known).getMessage());
      }
    }
  }

  /** The value as an http(s) URL with a host, or null: callers word their own error (a URL may be a secret). */
  static URI httpUrl(String value) {
    try {
      URI uri = URI.create(value.trim());
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public ConfigException error(String field, String problem, String fix) {
    return new ConfigException(where + ": " + field + " " + problem + "; " + fix);
  }
}
