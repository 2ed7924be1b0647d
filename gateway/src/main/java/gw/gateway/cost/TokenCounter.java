package gw.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.openai.MessageText;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real tokenizer when the provider reports no usage (a stream without
 * {@code include_usage}, a cut-off answer). Chat overhead follows OpenAI's cookbook: 3 tokens per
 * message plus 3 to prime the reply.
 */
public final class TokenCounter {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private final Encoding o200k = REGISTRY.getEncoding(EncodingType.O200K_BASE);
  private final Encoding cl100k = REGISTRY.getEncoding(EncodingType.CL100K_BASE);

  public int count(String model, String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return encodingFor(model).countTokensOrdinary(text);
  }

  public int countMessages(String model, JsonNode messages) {
    if (messages == null || !messages.isArray()) {
      return 0;
    }
    Encoding enc = encodingFor(model);
    int total = 3;
    for (JsonNode m : messages) {
      total += 3 + enc.countTokensOrdinary(m.path("role").asText(""));
      total += enc.countTokensOrdinary(MessageText.of(m.get("content")));
    }
    return total;
  }

  private Encoding encodingFor(String model) {
    return model != null && (model.startsWith("gpt-3.5") || model.startsWith("gpt-4-") || model.equals("gpt-4")
        || model.startsWith("text-embedding")) ? cl100k : o200k;
  }
}
