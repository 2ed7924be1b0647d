package gw.gateway.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit log's hash chain. Each row stores {@code prev_hash}, the hash of the row before it
 * ({@link #GENESIS} for the first), and {@code hash}: SHA-256 over, in this order, prev_hash, id, at,
 * at_ms, actor, role, action, target, reason, details and tenant, each written as one byte (0 for
 * null, 1 otherwise) then, when not null, its UTF-8 bytes' length (4 bytes, big-endian) and the bytes
 * (numbers as decimal text). Changing, removing or inserting a row breaks a link that
 * {@link AuditChainCheck} finds; the length prefixes make every row's encoding unambiguous.
 */
final class AuditChain {
  static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** One row's columns as stored. */
  record Row(long id, String at, long atMs, String actor, String role, String action, String target, String reason,
      String details, String tenant) {}

  static String hash(String prevHash, Row r) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    for (String field : new String[] {prevHash, Long.toString(r.id()), r.at(), Long.toString(r.atMs()), r.actor(),
        r.role(), r.action(), r.target(), r.reason(), r.details(), r.tenant()}) {
      if (field == null) {
        sha.update((byte) 0);
      } else {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
