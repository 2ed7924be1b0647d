package gw.traces.pg;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the PostgreSQL stores live, from {@code --store-url} or {@code GW_STORE_URL}:
 * {@code postgresql://user[:password]@host[:port]/database}. The password may instead come from
 * {@code GW_STORE_PASSWORD}. It is never part of {@link #toString()}, {@link #describe()} or any
 * error message, which is why parse errors never quote the URL.
 */
public record StoreUrl(String host, int port, String database, String user, String password) {
  public static final int DEFAULT_PORT = 5432;
  private static final String FORM = "postgresql://user:password@host:port/database";

  /**
   * {@code fallbackPassword} (GW_STORE_PASSWORD; may be null) is used when the URL has none.
   * Throws IllegalArgumentException saying what is wrong, without the URL.
   */
  public static StoreUrl parse(String url, String fallbackPassword) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw invalid("it is not a valid URL (percent-encode characters such as @ : / in the password)");
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw invalid("the scheme must be postgresql://");
    }
    if (uri.getHost() == null) {
      throw invalid("it names no host");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw invalid("options after ? are not supported");
    }
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (database.isEmpty() || database.contains("/")) {
      throw invalid("it names no database (the path after the host, e.g. /gw)");
    }
    String info = uri.getRawUserInfo();
    if (info == null || info.isEmpty() || info.startsWith(":")) {
      throw invalid("it names no user (user:password@ before the host)");
    }
    int colon = info.indexOf(':');
    String user = decode(colon < 0 ? info : info.substring(0, colon));
    String password = colon < 0 ? fallbackPassword : decode(info.substring(colon + 1));
    return new StoreUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), decode(database), user,
        password == null || password.isEmpty() ? null : password);
  }

  /** For logs and messages: the URL without its password. */
  public String describe() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  /** host, port, database and user spelled out, for an error that must say exactly what failed to connect. */
  public String details() {
    return "host " + host + ", port " + port + ", database " + database + ", user " + user;
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Percent-decoding only ('+' stays a plus); URI has already refused malformed escapes. */
  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("store URL rejected: " + why + "; expected " + FORM);
  }
}
