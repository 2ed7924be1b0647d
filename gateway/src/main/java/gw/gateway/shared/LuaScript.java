package gw.gateway.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script kept in the classpath's {@code redis/} folder, run by its SHA-1 (EVALSHA). */
public record LuaScript(String name, String source, String sha1) {
  public static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream("/redis/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing Redis script redis/" + name + ".lua");
      }
      String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new LuaScript(name, source,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
