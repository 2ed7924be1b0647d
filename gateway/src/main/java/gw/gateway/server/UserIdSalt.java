package gw.gateway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The salt for user-id hashes: configured, or generated once per environment and kept in the
 * data directory so the same user hashes the same across restarts.
 */
final class UserIdSalt {
  private UserIdSalt() {}

  static String resolve(String configured, Path dataDir, String environment) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    Path file = dataDir.resolve("user-id-salt." + environment);
    try {
      Files.createDirectories(dataDir);
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String salt = HexFormat.of().formatHex(bytes);
      Files.writeString(file, salt, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      return salt;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the user-id salt file " + file, e);
    }
  }
}
