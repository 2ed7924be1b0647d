package gw.mock;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/** Reference token counts straight from jtokkit, independent of the mock's own tokenizer wrapper. */
final class TokenCounts {

  private static final EncodingRegistry REGISTRY = Encodings.newDefaultEncodingRegistry();

  private TokenCounts() {
  }

  static int o200k(String text) {
    return count(REGISTRY.getEncoding(EncodingType.O200K_BASE), text);
  }

  static int cl100k(String text) {
    return count(REGISTRY.getEncoding(EncodingType.CL100K_BASE), text);
  }

  private static int count(Encoding encoding, String text) {
    return encoding.countTokensOrdinary(text);
  }
}
