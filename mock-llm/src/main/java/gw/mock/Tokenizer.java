package gw.mock;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.IntArrayList;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Real token counts with the model's own encoding. Prompt tokens follow OpenAI's published recipe:
 * {@code 3 + sum over messages of (3 + tokens(role) + tokens(content) [+ 1 + tokens(name)]
 * [+ tokens(tool-call name) + tokens(tool-call arguments)])}.
 */
final class Tokenizer {

  private static final Object LOCK = new Object();
  private static volatile Tokenizer shared;

  private final EncodingRegistry registry;

  private Tokenizer(EncodingRegistry registry) {
    this.registry = registry;
  }

  /** Loading the encodings takes a while: call this off the event loop the first time. */
  static Tokenizer shared() {
    Tokenizer tokenizer = shared;
    if (tokenizer == null) {
      synchronized (LOCK) {
        if (shared == null) {
          shared = new Tokenizer(Encodings.newDefaultEncodingRegistry());
        }
        tokenizer = shared;
      }
    }
    return tokenizer;
  }

  Encoding encoding(ModelProfile profile) {
    return registry.getEncoding(profile.encoding());
  }

  int count(ModelProfile profile, String text) {
    return text == null || text.isEmpty() ? 0 : encoding(profile).countTokensOrdinary(text);
  }

  int promptTokens(ModelProfile profile, List<ChatMessage> messages) {
    int total = 3;
    for (ChatMessage message : messages) {
      total += 3 + count(profile, message.role()) + count(profile, message.text());
      if (message.name() != null) {
        total += 1 + count(profile, message.name());
      }
      for (Object call : message.toolCalls()) {
        JsonObject function = call instanceof JsonObject json ? json.getJsonObject("function") : null;
        if (function != null) {
          total += count(profile, function.getString("name")) + count(profile, function.getString("arguments"));
        }
      }
    }
    return total;
  }

  /** The longest prefix of {@code text} that is at most {@code maxTokens} tokens long. */
  String truncate(ModelProfile profile, String text, int maxTokens) {
    Encoding encoding = encoding(profile);
    EncodingResult result = encoding.encodeOrdinary(text, maxTokens);
    if (!result.isTruncated()) {
      return text;
    }
    IntArrayList tokens = result.getTokens();
    String prefix = decodeWithoutBrokenTail(encoding, tokens);
    // Re-encoding a cut can merge differently; shrink until the count really fits.
    while (encoding.countTokensOrdinary(prefix) > maxTokens && tokens.size() > 0) {
      tokens = withoutLast(tokens);
      prefix = decodeWithoutBrokenTail(encoding, tokens);
    }
    return prefix;
  }

  private static String decodeWithoutBrokenTail(Encoding encoding, IntArrayList tokens) {
    String decoded = encoding.decode(tokens);
    int end = decoded.length();
    while (end > 0 && decoded.charAt(end - 1) == '\uFFFD') {
      end--;
    }
    return decoded.substring(0, end);
  }

  private static IntArrayList withoutLast(IntArrayList tokens) {
    IntArrayList shorter = new IntArrayList(tokens.size());
    for (int i = 0; i < tokens.size() - 1; i++) {
      shorter.add(tokens.get(i));
    }
    return shorter;
  }

  String decode(ModelProfile profile, IntArrayList tokens) {
    return encoding(profile).decode(tokens);
  }
}
