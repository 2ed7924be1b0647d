package gw.mock;

import java.util.regex.Pattern;

/**
 * The parts of a usage the providers bill at their own prices, made deterministic: a prompt of at least
 * 1,024 tokens is read from the prompt cache in 128-token blocks (as OpenAI's automatic caching
 * reports a repeated prefix), and a reasoning model ({@code o1}, {@code o3-mini}, {@code o4-mini}...)
 * thinks twice as many tokens as it writes.
 */
final class UsageDetails {
  static final int CACHE_MIN_TOKENS = 1024;
  static final int CACHE_BLOCK_TOKENS = 128;
  private static final Pattern REASONING_MODEL = Pattern.compile("o\\d.*");

  private UsageDetails() {
  }

  static int cachedTokens(int promptTokens) {
    return promptTokens < CACHE_MIN_TOKENS ? 0 : promptTokens / CACHE_BLOCK_TOKENS * CACHE_BLOCK_TOKENS;
  }

  static int reasoningTokens(String model, int visibleTokens) {
    return model != null && REASONING_MODEL.matcher(model).matches() ? 2 * visibleTokens : 0;
  }
}
