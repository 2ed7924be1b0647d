package gw.gateway.config;

/** A configuration problem, phrased as: which file, which field, what is wrong, how to fix it. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
