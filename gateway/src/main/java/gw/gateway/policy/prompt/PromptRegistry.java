package gw.gateway.policy.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompts the gateway can render, from {@code prompts.json} and then the admin API's changes
 * (saved in {@code control.db}; a saved state wins over the file's for the same prompt). Prompts
 * are immutable values swapped whole, so readers on any event loop never see half a change.
 */
public final class PromptRegistry {
  static final String FILE = "prompts.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Prompt> prompts = new ConcurrentHashMap<>();

  /** Why a version was chosen: asked for by the request, the active one, the canary, or the rollback target. */
  public enum Reason { PINNED, ACTIVE, CANARY, KNOWN_GOOD }

  public record Selection(String version, Reason reason) {}

  public static PromptRegistry load(ConfigSource source, Map<String, String> savedStates) {
    PromptRegistry registry = new PromptRegistry();
    String where = source.describe(FILE);
    for (JsonNode p : source.read(FILE).path("prompts")) {
      try {
        Prompt prompt = fromJson(p);
        registry.prompts.put(prompt.id(), prompt);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": " + e.getMessage());
      }
    }
    savedStates.forEach((id, json) -> {
      try {
        registry.prompts.put(id, fromJson(JSON.readTree(json)));
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("saved state of prompt " + id + " in control.db is unreadable (" + e.getMessage()
            + "); fix it through the admin API or remove its prompt_state row");
      }
    });
    return registry;
  }

  public Prompt get(String id) {
    return prompts.get(id);
  }

  public Collection<Prompt> all() {
    return List.copyOf(prompts.values());
  }

  public void put(Prompt prompt) {
    prompts.put(prompt.id(), prompt);
  }

  /**
   * The version to serve: the pinned one if the request names it, else the known-good one when
   * QUALITY_DEGRADATION rolls back, else the canary for its share of {@code bucket} (0..9999,
   * stable per session), else the active one.
   */
  public static Selection select(Prompt p, String pinned, boolean rollback, int bucket) {
    if (pinned != null) {
      if (!p.versions().containsKey(pinned)) {
        throw new IllegalArgumentException("prompt '" + p.id() + "' has no version '" + pinned + "'; versions are "
            + p.versions().keySet());
      }
      return new Selection(pinned, Reason.PINNED);
    }
    if (rollback) {
      return new Selection(p.knownGood(), Reason.KNOWN_GOOD);
    }
    if (p.canary() != null && bucket < Math.round(p.canary().share() * 10_000)) {
      return new Selection(p.canary().version(), Reason.CANARY);
    }
    return new Selection(p.active(), Reason.ACTIVE);
  }

  public static Prompt fromJson(JsonNode p) {
    String id = p.path("id").asText(null);
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a prompt needs an id");
    }
    Map<String, Prompt.Version> versions = new LinkedHashMap<>();
    p.path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), versionFromJson(id, e.getKey(), e.getValue())));
    JsonNode c = p.get("canary");
    Prompt.Canary canary = c == null || c.isNull() ? null
        : new Prompt.Canary(c.path("version").asText(null), c.path("share").asDouble(-1));
    return new Prompt(id, versions, p.path("active").asText(null), p.path("known_good").asText(null), canary);
  }

  public static Prompt.Version versionFromJson(String id, String version, JsonNode v) {
    JsonNode messages = v.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException("prompt " + id + " version " + version
          + ": messages must be a non-empty array of {role, content}");
    }
    List<Prompt.Message> list = new ArrayList<>();
    for (JsonNode m : messages) {
      String role = m.path("role").asText("");
      if (!List.of("system", "developer", "user", "assistant").contains(role) || !m.path("content").isTextual()) {
        throw new IllegalArgumentException("prompt " + id + " version " + version
            + ": each message needs a role (system, developer, user, assistant) and a text content");
      }
      list.add(new Prompt.Message(role, m.get("content").asText()));
    }
    return new Prompt.Version(list);
  }

  public static ObjectNode toJson(Prompt p) {
    ObjectNode node = JSON.createObjectNode().put("id", p.id()).put("active", p.active()).put("known_good", p.knownGood());
    if (p.canary() == null) {
      node.putNull("canary");
    } else {
      node.putObject("canary").put("version", p.canary().version()).put("share", p.canary().share());
    }
    ObjectNode versions = node.putObject("versions");
    p.versions().forEach((name, v) -> {
      ArrayNode messages = versions.putObject(name).putArray("messages");
      v.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
    });
    return node;
  }
}
