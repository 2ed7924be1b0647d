package gw.traces.redact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Turns a user id into hex SHA-256 of {@code salt + ":" + userId}: the same user correlates across
 * traces, the raw id never appears, and a per-environment salt keeps hashes from being joined
 * across environments. Thread-safe.
 */
public final class UserIdHasher {
  private final String salt;

  public UserIdHasher(String salt) {
    this.salt = Objects.requireNonNull(salt, "salt must not be null; configure one per environment");
  }

  /** The hash, or null for a null or blank user id (no user to correlate). */
  public String hash(String userId) {
    if (userId == null || userId.isBlank()) {
      return null;
    }
    byte[] input = (salt + ":" + userId).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(sha256().digest(input));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
