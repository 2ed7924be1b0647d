package gw.gateway.security;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the {@code toString} of a record holding a credential shows in its place, so a record logged
 * or put in an exception message never carries the secret, not even half of it (LiteLLM
 * CVE-2024-9606 leaked keys "masked" to their first and last characters).
 */
public final class Hidden {
  private static final String MARK = "[hidden]";

  private Hidden() {}

  public static String secret(String value) {
    return value == null ? "null" : MARK;
  }

  /** Header names only: their values are often credentials. */
  public static String headers(Map<String, String> headers) {
    if (headers == null) {
      return "null";
    }
    Map<String, String> names = new TreeMap<>();
    headers.keySet().forEach(name -> names.put(name, MARK));
    return names.toString();
  }
}
