package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The console's sign-ins: a random 256-bit session id (the cookie) bound to the admin token it was
 * opened with, so the token's role and tenant scope apply unchanged, plus a CSRF token the page sends
 * back on every write. Ids are kept only as SHA-256 digests; a session ends after 30 idle minutes, 12
 * hours in all, at sign-out, or when 1,000 newer ones push it out.
 */
final class ConsoleSessions {
  static final long IDLE_MS = 30 * 60_000L;
  static final long MAX_AGE_MS = 12 * 3_600_000L;
  static final int MAX_SESSIONS = 1_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A signed-in page: who it acts as, and the token its writes must carry. */
  record Session(AdminToken caller, String csrf, long openedMs, long lastSeenMs) {}

  /** What sign-in hands the browser: the cookie value, and the session it opens. */
  record Opened(String id, Session session) {}

  private final LongSupplier clockMs;
  private final Map<String, Session> byDigest = new LinkedHashMap<>();

  ConsoleSessions(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  synchronized Opened open(AdminToken caller) {
    long now = clockMs.getAsLong();
    if (byDigest.size() >= MAX_SESSIONS) {
      byDigest.remove(byDigest.keySet().iterator().next());
    }
    String id = randomToken();
    Session session = new Session(caller, randomToken(), now, now);
    byDigest.put(digest(id), session);
    return new Opened(id, session);
  }

  /** The live session with this id (its idle time restarts), or null. */
  synchronized Session find(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    String key = digest(id);
    Session s = byDigest.get(key);
    long now = clockMs.getAsLong();
    if (s == null) {
      return null;
    }
    if (now - s.lastSeenMs() > IDLE_MS || now - s.openedMs() > MAX_AGE_MS) {
      byDigest.remove(key);
      return null;
    }
    Session seen = new Session(s.caller(), s.csrf(), s.openedMs(), now);
    byDigest.put(key, seen);
    return seen;
  }

  synchronized void close(String id) {
    if (id != null) {
      byDigest.remove(digest(id));
    }
  }

  /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
  static boolean csrfMatches(Session session, String presented) {
    return presented != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String digest(String id) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
