package gw.mock;

import com.knuddels.jtokkit.api.EncodingType;

/**
 * Latency and token-speed of one model, so the mock feels like the real one.
 *
 * @param ttftMs          time to first token (for embeddings: time to the whole answer)
 * @param tokensPerSecond generation speed after the first token; 0 means instant
 * @param dimensions      native vector size of an embedding model; 0 for chat models
 */
record ModelProfile(String id, Kind kind, long ttftMs, double tokensPerSecond, EncodingType encoding,
                    int dimensions) {

  enum Kind { CHAT, EMBEDDING }

  static ModelProfile chat(String id, long ttftMs, double tokensPerSecond, EncodingType encoding) {
    return new ModelProfile(id, Kind.CHAT, ttftMs, tokensPerSecond, encoding, 0);
  }

  static ModelProfile embedding(String id, long latencyMs, int dimensions) {
    return new ModelProfile(id, Kind.EMBEDDING, latencyMs, 0, EncodingType.CL100K_BASE, dimensions);
  }

  /** Same timings under another name, for models the table does not know. */
  ModelProfile renamed(String newId) {
    return new ModelProfile(newId, kind, ttftMs, tokensPerSecond, encodingFor(newId, encoding), dimensions);
  }

  /** The model's own pace, used unless the realistic profile draws one per request. */
  Pace pace() {
    return new Pace(ttftMs, tokensPerSecond);
  }

  long firstTokenDelayMs(double timeScale) {
    return pace().firstTokenDelayMs(timeScale);
  }

  private static EncodingType encodingFor(String model, EncodingType fallback) {
    boolean o200k = model.startsWith("gpt-4o") || model.startsWith("gpt-4.1") || model.startsWith("gpt-5")
        || model.startsWith("o1") || model.startsWith("o3") || model.startsWith("o4");
    return o200k ? EncodingType.O200K_BASE : fallback;
  }
}
