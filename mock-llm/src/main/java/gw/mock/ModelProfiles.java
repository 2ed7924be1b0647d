package gw.mock;

import static com.knuddels.jtokkit.api.EncodingType.CL100K_BASE;
import static com.knuddels.jtokkit.api.EncodingType.O200K_BASE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models the mock knows, with timings close to what the real ones show. */
final class ModelProfiles {

  private static final ModelProfile DEFAULT_CHAT = ModelProfile.chat("default", 200, 70, CL100K_BASE);
  private static final ModelProfile DEFAULT_EMBEDDING = ModelProfile.embedding("default", 30, 1536);

  private static final Map<String, ModelProfile> BY_ID = index(List.of(
      ModelProfile.chat("gpt-4o-mini", 120, 90, O200K_BASE),
      ModelProfile.chat("gpt-4o", 250, 60, O200K_BASE),
      ModelProfile.chat("gpt-4.1-mini", 150, 80, O200K_BASE),
      ModelProfile.chat("gpt-4.1", 300, 50, O200K_BASE),
      ModelProfile.chat("gpt-3.5-turbo", 100, 110, CL100K_BASE),
      ModelProfile.chat("mock-fast", 0, 0, CL100K_BASE),
      ModelProfile.chat("claude-sonnet-4", 600, 60, CL100K_BASE),
      ModelProfile.chat("claude-haiku-4", 300, 120, CL100K_BASE),
      ModelProfile.embedding("text-embedding-3-small", 30, 1536),
      ModelProfile.embedding("text-embedding-3-large", 60, 3072),
      ModelProfile.embedding("text-embedding-ada-002", 40, 1536)));

  private ModelProfiles() {
  }

  private static Map<String, ModelProfile> index(List<ModelProfile> profiles) {
    Map<String, ModelProfile> byId = new LinkedHashMap<>();
    profiles.forEach(profile -> byId.put(profile.id(), profile));
    return byId;
  }

  static List<ModelProfile> all() {
    return List.copyOf(BY_ID.values());
  }

  static ModelProfile find(String id) {
    return BY_ID.get(id);
  }

  /** The profile for a chat request; unknown models get default timings under their own name. */
  static ModelProfile forChat(String model) {
    ModelProfile known = BY_ID.get(model);
    return known != null ? known : DEFAULT_CHAT.renamed(model);
  }

  static ModelProfile forEmbedding(String model) {
    ModelProfile known = BY_ID.get(model);
    return known != null ? known : DEFAULT_EMBEDDING.renamed(model);
  }
}
