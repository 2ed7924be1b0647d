package gw.gateway.policy.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import gw.traces.json.Json;
import gw.traces.json.JsonBinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompts the gateway can render, from {@code prompts.json} and then the admin API's changes
 * (saved in {@code control.db}; a saved state wins over the file's for the same prompt). Prompts
 * are immutable values swapped whole, so readers on any event loop never see half a change.
 */
public final class PromptRegistry {
  static final String FILE = "prompts.json";
  private static final List<String> ROLES = List.of("system", "developer", "user", "assistant");

  private final Map<String, Prompt> prompts = new ConcurrentHashMap<>();

  /** Why a version was chosen: asked for by the request, the active one, the canary, or the rollback target. */
  public enum Reason { PINNED, ACTIVE, CANARY, KNOWN_GOOD }

  public record Selection(String version, Reason reason) {}

  /** {@code prompts.json} as written (unknown fields rejected). */
  record PromptsFile(List<PromptJson> prompts) {}

  /** One prompt as the file and the saved states in control.db write it ({@link #toJson}). */
  record PromptJson(String id, String active, String knownGood, CanaryJson canary, Map<String, VersionJson> versions) {}

  record CanaryJson(String version, Double share) {}

  record VersionJson(List<Prompt.Message> messages) {}

  public static PromptRegistry load(ConfigSource source, Map<String, String> savedStates) {
    PromptRegistry registry = new PromptRegistry();
    List<PromptJson> prompts = Objects.requireNonNullElse(source.bind(FILE, PromptsFile.class).prompts(), List.of());
    source.naming(FILE, () -> {
      prompts.forEach(p -> registry.put(prompt(p)));
      return registry;
    });
    savedStates.forEach((id, json) -> {
      try {
        registry.put(prompt(JsonBinding.bind(Json.MAPPER.readTree(json), PromptJson.class)));
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

  private static Prompt prompt(PromptJson p) {
    if (p == null || p.id() == null || p.id().isBlank()) {
      throw new IllegalArgumentException("a prompt needs an id");
    }
    Map<String, Prompt.Version> versions = new LinkedHashMap<>();
    Objects.requireNonNullElse(p.versions(), Map.<String, VersionJson>of()).forEach((name, v) ->
        versions.put(name, version(p.id(), name, v == null ? null : v.messages())));
    CanaryJson c = p.canary();
    Prompt.Canary canary = c == null ? null : new Prompt.Canary(c.version(), Objects.requireNonNullElse(c.share(), -1.0));
    return new Prompt(p.id(), versions, p.active(), p.knownGood(), canary);
  }

  /** A version sent to the admin API: {@code {"messages": [{"role": ..., "content": ...}], ...}}. */
  public static Prompt.Version versionFromJson(String id, String version, JsonNode v) {
    List<Prompt.Message> messages = new ArrayList<>();
    JsonNode list = v.path("messages");
    if (list.isArray()) {
      for (JsonNode m : list) {
        JsonNode content = m.path("content");
        messages.add(new Prompt.Message(m.path("role").asText(""), content.isTextual() ? content.asText() : null));
      }
    }
    return version(id, version, messages);
  }

  private static Prompt.Version version(String id, String version, List<Prompt.Message> messages) {
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("prompt " + id + " version " + version
          + ": messages must be a non-empty array of {role, content}");
    }
    for (Prompt.Message m : messages) {
      if (m == null || !ROLES.contains(m.role()) || m.content() == null) {
        throw new IllegalArgumentException("prompt " + id + " version " + version
            + ": each message needs a role (system, developer, user, assistant) and a text content");
      }
    }
    return new Prompt.Version(messages);
  }

  public static ObjectNode toJson(Prompt p) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("id", p.id()).put("active", p.active()).put("known_good", p.knownGood());
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
