package gw.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up presented credentials (gateway keys, admin tokens, the replay key) by their SHA-256
 * digest: the map only ever compares digests, so neither a hash-map probe nor a string compare that
 * stops at the first differing character tells a caller how much of a guess was right.
 */
public final class Credentials<T> {
  private final Map<String, T> byDigest = new HashMap<>();

  /** Adds a credential and what it stands for; the credential itself is not kept. */
  public Credentials<T> add(String credential, T value) {
    byDigest.put(digest(credential), value);
    return this;
  }

  public Optional<T> find(String presented) {
    return presented == null ? Optional.empty() : Optional.ofNullable(byDigest.get(digest(presented)));
  }

  private static String digest(String credential) {
    return HexFormat.of().formatHex(sha256(credential));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
