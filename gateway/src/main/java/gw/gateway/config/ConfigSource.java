package gw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.json.Json;
import gw.traces.json.JsonBinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a config file by name: from a directory when one is given (so operators can edit the
 * files), otherwise the copy bundled in the jar under {@code gw-config/}.
 */
public final class ConfigSource {
  private final Path dir;
  private final Map<String, JsonNode> overrides;

  public ConfigSource(Path dir) {
    this(dir, Map.of());
  }

  private ConfigSource(Path dir, Map<String, JsonNode> overrides) {
    this.dir = dir;
    this.overrides = overrides;
  }

  /** The same source with one file's content replaced (tests and tools that tune one setting). */
  public ConfigSource withFile(String file, JsonNode content) {
    Map<String, JsonNode> copy = new HashMap<>(overrides);
    copy.put(file, content);
    return new ConfigSource(dir, Map.copyOf(copy));
  }

  /**
   * The same source with some fields of one file changed: {@code edits} maps a JSON pointer
   * (e.g. {@code /RETRIEVAL_OUTAGE/open_seconds}) to its new value; the parent object must exist.
   */
  public ConfigSource withEdits(String file, Map<String, ?> edits) {
    JsonNode root = read(file);
    edits.forEach((pointer, value) -> {
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = root.at(pointer.substring(0, slash));
      if (!(parent instanceof ObjectNode object)) {
        throw new ConfigException(describe(file) + ": no object at " + pointer.substring(0, slash)
            + " to set " + pointer + " in; name an existing section");
      }
      object.set(pointer.substring(slash + 1), Json.MAPPER.valueToTree(value));
    });
    return withFile(file, root);
  }

  public static ConfigSource bundled() {
    return new ConfigSource(null);
  }

  public String describe(String file) {
    return dir == null ? "bundled config/" + file : dir.resolve(file).toString();
  }

  /**
   * A file bound to its record type ({@code T}'s components in snake_case): an unknown field or a
   * value of the wrong type fails with the file, the field's path and the fix.
   */
  public <T> T bind(String file, Class<T> type) {
    return read(file, tree -> JsonBinding.bind(tree, type));
  }

  /** A file read by {@code reader}, whose problems ({@link IllegalArgumentException}s) are reported with the file. */
  public <T> T read(String file, Function<JsonNode, T> reader) {
    return naming(file, () -> reader.apply(read(file)));
  }

  /** Runs a reader of {@code file}, putting the file's name in front of any problem it reports. */
  public <T> T naming(String file, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(describe(file) + ": " + e.getMessage(), e);
    }
  }

  /** Checks for the values of one file, whose errors name it. */
  public ConfigFields fields(String file) {
    return new ConfigFields(describe(file));
  }

  public JsonNode read(String file) {
    JsonNode override = overrides.get(file);
    if (override != null) {
      return override.deepCopy();
    }
    try (InputStream in = open(file)) {
      return Json.CONFIG.readTree(in);
    } catch (IOException e) {
      throw new ConfigException(describe(file) + ": not valid JSON (" + e.getMessage() + "); fix the syntax", e);
    }
  }

  private InputStream open(String file) throws IOException {
    if (dir != null) {
      Path p = dir.resolve(file);
      if (!Files.isRegularFile(p)) {
        throw new ConfigException(p + ": file not found; copy it from the project's config/ folder");
      }
      return Files.newInputStream(p);
    }
    InputStream in = ConfigSource.class.getClassLoader().getResourceAsStream("gw-config/" + file);
    if (in == null) {
      throw new ConfigException("bundled config/" + file + " is missing from the jar; rebuild with ./gw up");
    }
    return in;
  }
}
